#include "model/formats/AsyncApiSchema.h"

#include <memory>
#include <mutex>

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

/// The parsed schema of one version, built once per process.
const valijson::Schema &schemaOf(bool v3) {
    static std::once_flag once[2];
    static std::unique_ptr<valijson::Schema> schemas[2];
    const int i = v3 ? 1 : 0;
    std::call_once(once[i], [&] {
        nlohmann::json doc =
            nlohmann::json::parse(v3 ? asyncApiSchemaText_3_0_0() : asyncApiSchemaText_2_6_0());
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
    const nlohmann::json doc = yamlToJson(root);
    valijson::Validator validator;
    valijson::ValidationResults results;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    if (validator.validate(schemaOf(v3), adapter, &results))
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
