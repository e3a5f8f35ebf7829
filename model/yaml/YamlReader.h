#pragma once
// A position-carrying copy of a YAML document. The loader reads a file into it once, at the
// boundary where yaml-cpp may throw, so that conversion and `--set` overrides work on plain
// values. Owned by whoever called readYaml; not shared between threads.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

struct YamlNode {
    enum class Type { Null, Scalar, Sequence, Map };
    Type type = Type::Null;
    std::string scalar;           // Scalar
    bool quoted = false;          // Scalar written quoted or as a block, not plain
    std::vector<YamlNode> items;  // Sequence
    std::vector<YamlNode> keys;   // Map: keys (scalars), in file order
    std::vector<YamlNode> values; // Map: values, parallel to keys
    SourcePos pos;                // 1-based; 0 = unknown
    int origin = -1;              // index of the --set override it came from; -1 = the file

    bool isNull() const { return type == Type::Null; }
    bool isScalar() const { return type == Type::Scalar; }
    bool isSequence() const { return type == Type::Sequence; }
    bool isMap() const { return type == Type::Map; }
    /// The value of the first entry with that key, or nullptr (maps only).
    const YamlNode *find(std::string_view key) const;
    YamlNode *find(std::string_view key);
    /// Index of the first entry with that key, or -1.
    int indexOf(std::string_view key) const;
};

/// What readYaml produced: a tree, or an error message and where it is.
struct YamlReadResult {
    std::optional<YamlNode> root;
    std::string error;
    SourcePos errorPos;
};

/// Parses one YAML document. Every node gets `origin`. Never throws: syntax errors, several
/// documents, non-scalar map keys and documents that expand to absurd sizes (alias bombs)
/// come back as an error.
YamlReadResult readYaml(const std::string &text, int origin = -1);

/// `text` made safe for a one-line message: control characters and invalid UTF-8 become
/// '?', and anything beyond `limit` bytes is cut to "...".
std::string printableText(std::string_view text, std::size_t limit = 1000);

/// A short human name of a node's type for messages: "a map", "a list", "a value", "empty".
std::string describeType(const YamlNode &node);

} // namespace eventbench::model
