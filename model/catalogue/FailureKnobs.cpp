#include "model/catalogue/FailureKnobs.h"

#include <cmath>
#include <cstdlib>

namespace eventbench::model::knobs {

std::optional<double> readShare(FieldReader &r, const YamlNode &v, const std::string &what,
                                bool positive) {
    std::optional<double> share;
    if (v.isScalar() && !v.scalar.empty() && v.scalar.back() == '%') {
        const std::string digits = v.scalar.substr(0, v.scalar.size() - 1);
        char *end = nullptr;
        const double percent = std::strtod(digits.c_str(), &end);
        if (digits.empty() || end != digits.c_str() + digits.size() || !std::isfinite(percent) ||
            percent < 0 || percent > 100) {
            r.error(v, what + ": expected a percentage from 0% to 100%, found '" + v.scalar + "'");
            return std::nullopt;
        }
        share = percent / 100;
    } else {
        share = r.number(v, what, 0, 1);
    }
    if (share && positive && *share <= 0) {
        r.error(v, what + ": must be more than 0");
        return std::nullopt;
    }
    return share;
}

std::string shareText(double share) {
    // 0.05 * 100 is 5.000000000000001 in binary: round to what a user writes.
    return formatNumber(std::round(share * 100 * 1e9) / 1e9) + "%";
}

std::optional<BreakerSpec> readBreaker(FieldReader &r, const YamlNode &v, const std::string &what) {
    if (!r.expectMap(v, what))
        return std::nullopt;
    BreakerSpec b;
    const std::size_t before = r.errorCount();
    const auto count = [&](int &field, const char *key) {
        return [&r, &field, what, key](const YamlNode &x) {
            assignIf(field, r.integer(x, what + "." + key, 1, 1'000'000));
        };
    };
    r.readFields(v, what,
                 {{"failure_rate",
                   [&](const YamlNode &x) {
                       assignIf(b.failureRate, readShare(r, x, what + ".failure_rate", true));
                   }},
                  {"window", count(b.window, "window")},
                  {"min_calls", count(b.minCalls, "min_calls")},
                  {"open_for",
                   [&](const YamlNode &x) {
                       assignIf(b.openFor, r.positiveDuration(x, what + ".open_for"));
                   }},
                  {"half_open_calls", count(b.halfOpenCalls, "half_open_calls")},
                  {"when_open", [&](const YamlNode &x) {
                       if (auto c = r.choice(x, what + ".when_open", {"pause", "fail"}))
                           b.whenOpen = static_cast<BreakerSpec::WhenOpen>(*c);
                   }}});
    if (r.errorCount() != before)
        return std::nullopt;
    return b;
}

std::string breakerText(const BreakerSpec &b, TextStyle) {
    return yamlFlowMap(
        {{"failure_rate", shareText(b.failureRate)},
         {"window", std::to_string(b.window)},
         {"min_calls", std::to_string(b.minCalls)},
         {"open_for", formatDuration(b.openFor)},
         {"half_open_calls", std::to_string(b.halfOpenCalls)},
         {"when_open", b.whenOpen == BreakerSpec::WhenOpen::Pause ? "pause" : "fail"}});
}

namespace {
std::optional<std::vector<std::string>> readIds(FieldReader &r, const YamlNode &v,
                                                const std::string &what) {
    if (!v.isSequence()) {
        r.error(v, what + ": expected a list of node ids such as [orders, billing]");
        return std::nullopt;
    }
    std::vector<std::string> ids;
    for (const YamlNode &item : v.items)
        if (auto id = r.nodeId(item, what))
            ids.push_back(*id);
    return ids;
}

std::string idsText(const std::vector<std::string> &ids, TextStyle style) {
    std::string out = "[";
    for (std::size_t i = 0; i < ids.size(); ++i)
        out += (i ? ", " : "") + (style == TextStyle::File ? yamlString(ids[i]) : ids[i]);
    return out + "]";
}
} // namespace

std::optional<AclSpec> readAcl(FieldReader &r, const YamlNode &v, const std::string &what) {
    if (!r.expectMap(v, what))
        return std::nullopt;
    AclSpec a;
    const std::size_t before = r.errorCount();
    r.readFields(
        v, what,
        {{"publish", [&](const YamlNode &x) { a.publish = readIds(r, x, what + ".publish"); }},
         {"consume", [&](const YamlNode &x) { a.consume = readIds(r, x, what + ".consume"); }}});
    if (r.errorCount() != before)
        return std::nullopt;
    return a;
}

std::string aclText(const AclSpec &a, TextStyle style) {
    KeyValues k;
    if (a.publish)
        k.emplace_back("publish", idsText(*a.publish, style));
    if (a.consume)
        k.emplace_back("consume", idsText(*a.consume, style));
    return yamlFlowMap(k);
}

std::optional<TlsSpec> readTls(FieldReader &r, const YamlNode &v, const std::string &what) {
    if (!r.expectMap(v, what))
        return std::nullopt;
    TlsSpec t;
    const std::size_t before = r.errorCount();
    r.readFields(
        v, what,
        {{"handshake",
          [&](const YamlNode &x) { assignIf(t.handshake, r.duration(x, what + ".handshake")); }},
         {"overhead", [&](const YamlNode &x) {
              assignIf(t.overhead, readShare(r, x, what + ".overhead", false));
          }}});
    if (r.errorCount() != before)
        return std::nullopt;
    return t;
}

std::string tlsText(const TlsSpec &t, TextStyle) {
    return yamlFlowMap(
        {{"handshake", formatDuration(t.handshake)}, {"overhead", shareText(t.overhead)}});
}

} // namespace eventbench::model::knobs
