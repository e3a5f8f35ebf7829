#pragma once
// Turns YamlNode values into typed scenario values and collects every problem as a
// Diagnostic with the file, line and column of the offending key or value. Used by the
// scenario loader for one load; it never throws and never stops at the first error.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/Diagnostic.h"
#include "model/scenario/Scenario.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

class FieldReader {
  public:
    /// One known key of a map and how to read its value.
    struct Field {
        std::string_view name;
        std::function<void(const YamlNode &)> read;
    };

    FieldReader(std::string fileName, std::vector<std::string> overrides, Diagnostics &out);

    const std::string &fileName() const { return m_fileName; }
    /// The node later diagnostics concern (Diagnostic::nodeId); empty for none.
    void setCurrentNode(std::string id) { m_currentNode = std::move(id); }

    void error(const YamlNode &at, const std::string &message);
    void error(SourcePos at, int origin, const std::string &message);
    std::size_t errorCount() const { return m_errors; }

    /// Reads each entry of `map` with the field of that name; reports unknown keys (with a
    /// "did you mean" hint, or `elsewhere(key)` when it returns a hint) and repeated keys.
    /// `what` names the map in messages, e.g. "a consumer" or "retry".
    void readFields(const YamlNode &map, const std::string &what, const std::vector<Field> &fields,
                    const std::function<std::string(std::string_view)> &elsewhere = {});
    /// Reports `key` missing from `map` (at `at`, the map's own key when it has one).
    bool require(const YamlNode &map, std::string_view key, const std::string &what,
                 const YamlNode &at);
    /// Reports that `node` is not a map; true when it is one.
    bool expectMap(const YamlNode &node, const std::string &what);

    std::optional<std::string> text(const YamlNode &n, const std::string &what);
    std::optional<std::string> nodeId(const YamlNode &n, const std::string &what);
    std::optional<bool> boolean(const YamlNode &n, const std::string &what);
    /// A whole number in [min, max]; accepts count suffixes (`10k`).
    std::optional<std::int64_t> integer(const YamlNode &n, const std::string &what,
                                        std::int64_t min, std::int64_t max);
    /// A plain real number in [min, max].
    std::optional<double> number(const YamlNode &n, const std::string &what, double min,
                                 double max);
    std::optional<double> probability(const YamlNode &n, const std::string &what) {
        return number(n, what, 0.0, 1.0);
    }
    /// The index of the value among `choices`.
    std::optional<int> choice(const YamlNode &n, const std::string &what,
                              std::initializer_list<std::string_view> choices);
    std::optional<int> choice(const YamlNode &n, const std::string &what,
                              const std::vector<std::string_view> &choices);
    std::optional<SimTime> duration(const YamlNode &n, const std::string &what);
    std::optional<SimTime> positiveDuration(const YamlNode &n, const std::string &what);
    std::optional<double> rate(const YamlNode &n, const std::string &what);
    std::optional<double> size(const YamlNode &n, const std::string &what);
    std::optional<double> count(const YamlNode &n, const std::string &what);
    std::optional<Distribution> distribution(const YamlNode &n, Quantity quantity,
                                             const std::string &what);
    std::optional<RateProfile> rateProfile(const YamlNode &n, const std::string &what);
    /// A plain value, or a map of value -> weight (`{eu: 0.7, us: 0.3}`).
    std::optional<WeightedChoice> weightedChoice(const YamlNode &n, const std::string &what);
    /// `{max_attempts: N, backoff: D, multiplier: M}`; what is not given keeps `defaults`.
    std::optional<RetrySpec> retry(const YamlNode &n, RetrySpec defaults, const std::string &what);
    /// An SNS filter policy: attribute -> value, list of values or condition map.
    std::optional<FilterPolicy> filterPolicy(const YamlNode &n, const std::string &what);

  private:
    std::optional<std::string> scalarOf(const YamlNode &n, const std::string &what,
                                        const char *expected);
    /// The keys a map of one kind (a distribution, a rate profile) may have, how each is
    /// read, and those it must have.
    struct MapFields {
        std::vector<Field> fields;
        std::vector<const char *> required;
    };
    /// Reads `n` with `f` and reports missing required keys; false when that found errors.
    bool readKindMap(const YamlNode &n, const std::string &where, const MapFields &f);
    std::optional<Distribution> distributionMap(const YamlNode &n, Quantity quantity,
                                                const std::string &what);
    /// The fields of a distribution of `d`'s kind and quantity, read into `d`.
    MapFields distributionFields(Distribution &d, const std::string &what);
    /// The checks across a distribution's keys (reported at `at`, its kind); fills in equal
    /// weights for an empirical distribution without any.
    bool checkDistribution(const YamlNode &n, const YamlNode &at, const std::string &what,
                           Distribution &d);
    bool checkEmpiricalWeights(const YamlNode &n, const std::string &what, Distribution &d);
    /// The fields of a rate profile of `p`'s kind, read into `p`.
    MapFields rateProfileFields(RateProfile &p, const std::string &what);
    bool checkRateProfile(const YamlNode &n, const std::string &what, const RateProfile &p);
    std::optional<double> quantityValue(const YamlNode &n, Quantity quantity,
                                        const std::string &what);
    std::optional<FilterCondition> filterCondition(const YamlNode &v, const std::string &what);

    std::string m_fileName;
    std::vector<std::string> m_overrides;
    Diagnostics &m_out;
    std::string m_currentNode;
    std::size_t m_errors = 0;
};

/// The candidate closest to `word` when it is a plausible typo of it, else "".
std::string closestMatch(std::string_view word, const std::vector<std::string_view> &candidates);
/// ` (did you mean 'x'?)` or "".
std::string didYouMean(std::string_view word, const std::vector<std::string_view> &candidates);

/// Sets target when the optional holds a value.
template <typename T, typename U> void assignIf(T &target, const std::optional<U> &value) {
    if (value)
        target = static_cast<T>(*value);
}

} // namespace eventbench::model
