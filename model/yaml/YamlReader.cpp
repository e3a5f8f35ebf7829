#include "model/yaml/YamlReader.h"

#include <exception>
#include <optional>
#include <sstream>

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include "model/yaml/YamlPrescan.h"

namespace eventbench::model {

namespace {

// A scenario has a few hundred values; this only stops alias bombs (`a: &a [*b, *b, ...]`).
constexpr std::size_t kMaxNodes = 200'000;

SourcePos toPos(const YAML::Mark &mark) {
    if (mark.is_null() || mark.line < 0 || mark.column < 0)
        return {};
    return {mark.line + 1, mark.column + 1};
}

class Converter {
  public:
    explicit Converter(int origin) : m_origin(origin) {}

    // Returns false (with m_error set) when the document cannot be represented.
    bool convert(const YAML::Node &in, YamlNode &out, int depth) {
        if (++m_count > kMaxNodes) {
            m_error = "the document is too large (more than 200000 values; "
                      "are aliases expanding?)";
            m_errorPos = toPos(in.Mark());
            return false;
        }
        if (depth > 500) {
            m_error = "the document is nested too deeply";
            m_errorPos = toPos(in.Mark());
            return false;
        }
        out.pos = toPos(in.Mark());
        out.pos.origin = m_origin;
        out.origin = m_origin;
        switch (in.Type()) {
        case YAML::NodeType::Undefined:
        case YAML::NodeType::Null:
            out.type = YamlNode::Type::Null;
            return true;
        case YAML::NodeType::Scalar:
            out.type = YamlNode::Type::Scalar;
            out.scalar = in.Scalar();
            out.quoted = in.Tag() != "?";
            return true;
        case YAML::NodeType::Sequence:
            out.type = YamlNode::Type::Sequence;
            out.items.reserve(in.size());
            for (const auto &item : in) {
                out.items.emplace_back();
                if (!convert(item, out.items.back(), depth + 1))
                    return false;
            }
            return true;
        case YAML::NodeType::Map:
            out.type = YamlNode::Type::Map;
            for (const auto &entry : in) {
                YamlNode key;
                if (!convert(entry.first, key, depth + 1))
                    return false;
                if (!key.isScalar()) {
                    m_error = "a key must be a plain name, not " + describeType(key);
                    m_errorPos = key.pos;
                    return false;
                }
                YamlNode value;
                if (!convert(entry.second, value, depth + 1))
                    return false;
                // yaml-cpp places an empty value at the next token; the key is more useful.
                if (value.isNull())
                    value.pos = key.pos;
                out.keys.push_back(std::move(key));
                out.values.push_back(std::move(value));
            }
            return resolveMerges(out);
        }
        return true;
    }

    std::string m_error;
    SourcePos m_errorPos;

  private:
    // YAML merge keys (`<<: *defaults` or `<<: [*a, *b]`): the merged maps' entries are
    // added unless the map sets them itself; earlier maps win over later ones.
    bool resolveMerges(YamlNode &map) {
        if (map.indexOf("<<") < 0)
            return true;
        std::vector<YamlNode> sources;
        YamlNode keep;
        keep.type = YamlNode::Type::Map;
        for (std::size_t i = 0; i < map.keys.size(); ++i) {
            if (map.keys[i].scalar != "<<" || map.keys[i].quoted) {
                keep.keys.push_back(std::move(map.keys[i]));
                keep.values.push_back(std::move(map.values[i]));
                continue;
            }
            YamlNode &v = map.values[i];
            if (v.isMap()) {
                sources.push_back(std::move(v));
                continue;
            }
            bool ok = v.isSequence();
            for (auto &item : v.items)
                ok = ok && item.isMap();
            if (!ok) {
                m_error = "a merge key '<<' takes a map or a list of maps, such as <<: *defaults";
                m_errorPos = v.pos;
                return false;
            }
            for (auto &item : v.items)
                sources.push_back(std::move(item));
        }
        for (auto &source : sources) {
            for (std::size_t i = 0; i < source.keys.size(); ++i) {
                if (keep.indexOf(source.keys[i].scalar) >= 0)
                    continue;
                keep.keys.push_back(std::move(source.keys[i]));
                keep.values.push_back(std::move(source.values[i]));
            }
        }
        map.keys = std::move(keep.keys);
        map.values = std::move(keep.values);
        return true;
    }

    int m_origin;
    std::size_t m_count = 0;
};

} // namespace

int YamlNode::indexOf(std::string_view key) const {
    for (std::size_t i = 0; i < keys.size(); ++i)
        if (keys[i].scalar == key)
            return static_cast<int>(i);
    return -1;
}

const YamlNode *YamlNode::find(std::string_view key) const {
    const int i = indexOf(key);
    return i < 0 ? nullptr : &values[static_cast<std::size_t>(i)];
}

YamlNode *YamlNode::find(std::string_view key) {
    const int i = indexOf(key);
    return i < 0 ? nullptr : &values[static_cast<std::size_t>(i)];
}

std::string printableText(std::string_view text, std::size_t limit) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        if (out.size() >= limit) {
            out += "...";
            break;
        }
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            out += (c < 0x20 || c == 0x7f) ? '?' : static_cast<char>(c);
            ++i;
            continue;
        }
        // Keep well-formed UTF-8 sequences (names may be in any language).
        const std::size_t length = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        bool valid = length > 0 && c < 0xf5 && i + length <= text.size();
        for (std::size_t k = 1; valid && k < length; ++k)
            valid = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (valid) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

std::string describeType(const YamlNode &node) {
    switch (node.type) {
    case YamlNode::Type::Null:
        return "nothing";
    case YamlNode::Type::Scalar:
        return "a single value";
    case YamlNode::Type::Sequence:
        return "a list";
    case YamlNode::Type::Map:
        return "a map";
    }
    return "nothing";
}

namespace {

/// Notes where the parser's current document starts; ignores the rest.
class DocumentStarts : public YAML::EventHandler {
  public:
    std::optional<YAML::Mark> start;
    void OnDocumentStart(const YAML::Mark &mark) override { start = mark; }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  const std::string &) override {}
    void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                         YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                    YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

/// Whether the text holds a document, and where a second one starts if it has one.
struct Documents {
    bool first = false;
    std::optional<YAML::Mark> second;
};

/// Asks the parser for two documents at most: yaml-cpp's LoadAll never ends on a ',' after
/// the first one (`"a", b`), as each call yields an empty document without consuming it.
Documents countDocuments(const std::string &text) {
    std::istringstream in(text);
    YAML::Parser parser(in);
    DocumentStarts starts;
    Documents out;
    out.first = parser.HandleNextDocument(starts);
    starts.start.reset();
    if (out.first && parser.HandleNextDocument(starts))
        out.second = starts.start.value_or(YAML::Mark());
    return out;
}

} // namespace

YamlReadResult readYaml(const std::string &text, int origin) {
    YamlReadResult result;
    if (YamlPrescanResult scan = prescanYaml(text); !scan.error.empty()) {
        result.error = std::move(scan.error);
        result.errorPos = scan.errorPos;
        return result;
    }
    try {
        const Documents documents = countDocuments(text);
        if (const std::optional<YAML::Mark> &second = documents.second) {
            result.error = "the file holds more than one YAML document (or text after the "
                           "end of the first one)";
            result.errorPos = toPos(*second);
            return result;
        }
        YamlNode root;
        root.origin = origin;
        if (documents.first) {
            const YAML::Node doc = YAML::Load(text);
            Converter converter(origin);
            if (!converter.convert(doc, root, 0)) {
                result.error = converter.m_error;
                result.errorPos = converter.m_errorPos;
                return result;
            }
        }
        result.root = std::move(root);
    } catch (const YAML::Exception &e) {
        result.error = "YAML syntax: " + (e.msg.empty() ? std::string("invalid input") : e.msg);
        result.errorPos = toPos(e.mark);
    } catch (const std::exception &e) {
        result.error = std::string("cannot read YAML: ") + e.what();
    } catch (...) {
        result.error = "cannot read YAML";
    }
    return result;
}

} // namespace eventbench::model
