#include "model/formats/AsyncApiSchema.h"

#include <memory>
#include <mutex>
#include <set>

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>

#include "model/formats/YamlJson.h"

namespace eventbench::model {

// The schema texts, compiled in by cmake/EmbedAsyncApiSchemas.cmake.
std::string asyncApiSchemaText_2_6_0();
std::string asyncApiSchemaText_3_0_0();

namespace {

// valijson matches `pattern` and `patternProperties` with libstdc++'s std::regex, which recurses
// at least once per character (a 10,000-character key or value overflowed the stack) and
// backtracks exponentially on nested repeats (a 28-character Avro namespace took over a minute).
// So the schemas' two nested patterns are replaced by linear ones that accept the same texts, and
// no text a pattern is matched against may be longer than kMaxPatternText.
constexpr std::size_t kMaxPatternText = 512;

struct PatternFix {
    const char *upstream;
    const char *linear;
};
const PatternFix kPatternFixes[] = {
    // Two dotted names in a row are one longer dotted name: `(N)*` accepts what `(N)?` does.
    {R"(^([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)*$)",
     R"(^([A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*)?$)"},
    // Searched, not matched, and its tail may repeat zero times: the prefix decides.
    {R"(^\$message\.(header|payload)#(\/(([^\/~])|(~[01]))*)*)",
     R"(^\$message\.(header|payload)#)"},
};

/// What a schema's patterns are matched against, gathered once per version: every key of a
/// map (patternProperties), and the values of these properties.
struct PatternTargets {
    std::set<std::string> valuesOf;
};

/// Replaces the nested patterns and notes the properties that have one (directly or through a
/// local $ref).
void preparePatterns(nlohmann::json &node, const nlohmann::json &root, PatternTargets &targets) {
    if (node.is_array()) {
        for (nlohmann::json &item : node)
            preparePatterns(item, root, targets);
        return;
    }
    if (!node.is_object())
        return;
    if (const auto p = node.find("pattern"); p != node.end() && p->is_string())
        for (const PatternFix &fix : kPatternFixes)
            if (*p == fix.upstream)
                *p = fix.linear;
    if (const auto props = node.find("properties"); props != node.end() && props->is_object())
        for (const auto &[name, sub] : props->items()) {
            const nlohmann::json *target = &sub;
            if (const auto ref = sub.find("$ref"); ref != sub.end() && ref->is_string() &&
                                                   ref->get<std::string>().rfind("#/", 0) == 0) {
                const nlohmann::json::json_pointer at(ref->get<std::string>().substr(1));
                target = root.contains(at) ? &root.at(at) : nullptr;
            }
            if (target && target->is_object() && target->contains("pattern"))
                targets.valuesOf.insert(name);
        }
    for (auto &[key, value] : node.items())
        preparePatterns(value, root, targets);
}

PatternTargets patternTargets[2];

/// Refuses the first key, or value of a patterned property, too long for std::regex.
bool patternTextsBounded(const YamlNode &node, const PatternTargets &targets, ImportLog &log) {
    const std::string limit = std::to_string(kMaxPatternText) + " characters";
    for (std::size_t i = 0; i < node.keys.size(); ++i) {
        const YamlNode &key = node.keys[i];
        const YamlNode &value = node.values[i];
        if (key.scalar.size() > kMaxPatternText) {
            log.error(key, "a key longer than " + limit +
                               " (the AsyncAPI schema's patterns "
                               "cannot check it)");
            return false;
        }
        if (value.isScalar() && value.scalar.size() > kMaxPatternText &&
            targets.valuesOf.count(key.scalar)) {
            log.error(value, "'" + key.scalar + "' longer than " + limit +
                                 " (the AsyncAPI schema's pattern cannot check it)");
            return false;
        }
        if (!patternTextsBounded(value, targets, log))
            return false;
    }
    for (const YamlNode &item : node.items)
        if (!patternTextsBounded(item, targets, log))
            return false;
    return true;
}

/// The parsed schema of one version, built once per process.
const valijson::Schema &schemaOf(bool v3) {
    static std::once_flag once[2];
    static std::unique_ptr<valijson::Schema> schemas[2];
    const int i = v3 ? 1 : 0;
    std::call_once(once[i], [&] {
        nlohmann::json doc =
            nlohmann::json::parse(v3 ? asyncApiSchemaText_3_0_0() : asyncApiSchemaText_2_6_0());
        const nlohmann::json original = doc;
        preparePatterns(doc, original, patternTargets[i]);
        // Debian 12's valijson 1.0 fails every `propertyNames` check (it validates the name
        // through a string adapter that no subschema accepts). 2.6's only one asks channel
        // names to be non-empty strings (its uri-template format valijson does not check
        // anyway); validateAsyncApi checks that itself.
        if (doc.contains("definitions") && doc["definitions"].contains("channels"))
            doc["definitions"]["channels"].erase("propertyNames");
        schemas[i] = std::make_unique<valijson::Schema>();
        valijson::SchemaParser parser;
        valijson::adapters::NlohmannJsonAdapter adapter(doc);
        parser.populateSchema(adapter, *schemas[i]);
    });
    return *schemas[i];
}

/// `[channels]` -> `channels`; `<root>` -> "".
std::vector<std::string> pathOf(const std::vector<std::string> &context) {
    std::vector<std::string> path;
    for (const std::string &c : context)
        if (c.size() >= 2 && c.front() == '[' && c.back() == ']')
            path.push_back(c.substr(1, c.size() - 2));
    return path;
}

std::string pointerOf(const std::vector<std::string> &path) {
    std::string out;
    for (const std::string &p : path)
        out += "/" + p;
    return out.empty() ? "/" : out;
}

} // namespace

bool validateAsyncApi(const YamlNode &root, bool v3, ImportLog &log) {
    const YamlNode *channels = root.find("channels");
    for (std::size_t i = 0; channels && channels->isMap() && i < channels->keys.size(); ++i)
        if (channels->keys[i].scalar.empty()) {
            log.error(channels->keys[i], "a channel name must not be empty (AsyncAPI schema)");
            return false;
        }
    const valijson::Schema &schema = schemaOf(v3);
    if (!patternTextsBounded(root, patternTargets[v3 ? 1 : 0], log))
        return false;
    const nlohmann::json doc = yamlToJson(root);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    if (validator.validate(schema, adapter, &results))
        return true;
    // The most specific complaint is the one deepest in the document.
    valijson::ValidationResults::Error error, best;
    std::size_t bestDepth = 0;
    bool first = true;
    while (results.popError(error)) {
        const std::size_t depth = pathOf(error.context).size();
        if (first || depth > bestDepth) {
            best = error;
            bestDepth = depth;
            first = false;
        }
    }
    const std::vector<std::string> path = pathOf(best.context);
    const YamlNode &at = yamlAtPath(root, path);
    log.error(at, std::string("the document does not validate against the AsyncAPI ") +
                      (v3 ? "3.0.0" : "2.6.0") + " schema: " + best.description + " (at " +
                      pointerOf(path) + ")");
    return false;
}

} // namespace eventbench::model
