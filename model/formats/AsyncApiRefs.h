#pragma once
// Local references of an AsyncAPI document (`$ref: '#/components/messages/x'`), followed
// within the document. A chain of references is followed at most kMaxRefDepth steps, so a
// cycle (`a -> b -> a`) or a very long chain ends with a warning instead of a hang; a
// reference to another file or URL is not fetched (a warning says so).
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "model/formats/ImportSupport.h"

namespace eventbench::model {

class AsyncApiRefs {
  public:
    static constexpr int kMaxRefDepth = 32;

    AsyncApiRefs(const YamlNode &root, ImportLog &log) : m_root(root), m_log(log) {}

    /// `node` itself, or what its `$ref` chain points to (nullptr when it cannot be followed).
    const YamlNode *deref(const YamlNode &node) const;
    /// The value of `key` in `map` (after following both), or nullptr.
    const YamlNode *field(const YamlNode *map, std::string_view key) const;
    /// The node at a local JSON pointer (`#/channels/a~1b`), or nullptr.
    const YamlNode *at(std::string_view pointer) const;
    /// The name under `prefix` that a `$ref` names: `{$ref: '#/channels/x'}` with prefix
    /// `#/channels/` gives "x".
    static std::optional<std::string> refName(const YamlNode &node, std::string_view prefix);
    /// A scalar's text after following references ("" when it is not a scalar).
    std::string text(const YamlNode *map, std::string_view key) const;

  private:
    const YamlNode &m_root;
    ImportLog &m_log;
    mutable std::set<std::pair<int, int>> m_warned; // one warning per reference
    void warnOnce(const YamlNode &at, const std::string &message) const;
};

} // namespace eventbench::model
