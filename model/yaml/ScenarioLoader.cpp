#include "model/yaml/ScenarioLoader.h"

#include <cerrno>
#include <cstring>
#include <exception>
#include <set>
#include <sstream>
#include <string_view>
#include <system_error>
#include <unordered_map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/catalogue/KnobCatalogue.h"
#include "model/yaml/FieldReader.h"
#include "model/yaml/NodeLoader.h"
#include "model/yaml/ScenarioOverrides.h"
#include "model/yaml/ScenarioValidator.h"
#include "model/yaml/TopologyLoader.h"
#include "model/yaml/YamlReader.h"

namespace eventbench::model {

namespace {

// README.md#limits-on-input-files
constexpr std::uintmax_t kMaxFileBytes = 16u << 20;

// A list section (`edges:`, `faults:`, `expect:`); empty is fine.
template <typename T, typename Load>
void readList(FieldReader &r, const YamlNode &v, const char *what, std::vector<T> &out, Load load) {
    if (v.isNull())
        return;
    if (!v.isSequence()) {
        r.error(v, std::string(what) + ": expected a list (entries starting with '- '), found " +
                       describeType(v));
        return;
    }
    for (const auto &item : v.items)
        if (auto x = load(r, item))
            out.push_back(std::move(*x));
}

class Loader {
  public:
    Loader(const std::string &fileName, const std::vector<std::string> &overrides, Diagnostics &out)
        : m_reader(fileName, overrides, out), m_overrides(overrides), m_out(out) {
        m_scenario.fileName = fileName;
    }

    std::optional<Scenario> load(const std::string &text) {
        YamlReadResult read = readYaml(text);
        if (!read.root) {
            m_reader.error(read.errorPos, -1, read.error);
            return std::nullopt;
        }
        YamlNode &root = *read.root;
        if (root.isNull()) {
            m_reader.error(SourcePos{}, -1,
                           "the file is empty; a scenario needs at least 'scenario', "
                           "'duration' and 'nodes'");
            return std::nullopt;
        }
        if (!root.isMap()) {
            m_reader.error(root, "a scenario must be a map of keys (scenario, duration, nodes, "
                                 "...), found " +
                                     describeType(root));
            return std::nullopt;
        }
        for (std::size_t i = 0; i < m_overrides.size(); ++i)
            applyOverride(root, static_cast<int>(i), m_overrides[i], m_reader);
        convert(root);
        Diagnostics more = validateScenario(m_scenario, m_unresolved);
        for (Diagnostic &d : more)
            attributeToOverride(d);
        m_out.insert(m_out.end(), more.begin(), more.end());
        if (hasErrors(m_out))
            return std::nullopt;
        return std::move(m_scenario);
    }

  private:
    // A problem found in what an override wrote is reported against `--set`, as README.md
    // promises, not at a position inside the override's own text.
    void attributeToOverride(Diagnostic &d) const {
        const int origin = d.where.origin;
        if (origin < 0 || static_cast<std::size_t>(origin) >= m_overrides.size())
            return;
        d.file = "--set";
        d.message = printableText("in '" + m_overrides[static_cast<std::size_t>(origin)] +
                                  "': " + d.message);
        d.where = {};
    }

    void convert(const YamlNode &root) {
        FieldReader &r = m_reader;
        Scenario &s = m_scenario;
        std::vector<FieldReader::Field> fields;
        for (const ScenarioKnob &k : scenarioKnobs())
            fields.push_back(
                {k.key, [&r, &s, &k](const YamlNode &v) { k.codec.read(r, v, k, s); }});
        fields.push_back({"nodes", [&](const YamlNode &v) { readNodes(v); }});
        fields.push_back(
            {"edges", [&](const YamlNode &v) { readList(r, v, "edges", s.edges, loadEdge); }});
        fields.push_back(
            {"faults", [&](const YamlNode &v) { readList(r, v, "faults", s.faults, loadFault); }});
        fields.push_back({"expect", [&](const YamlNode &v) {
                              readList(r, v, "expect", s.expectations, loadExpectation);
                          }});
        r.readFields(root, "the scenario", fields);
        for (const ScenarioKnob &k : scenarioKnobs())
            if (k.required)
                r.require(root, k.key, "the scenario", root);
        r.require(root, "nodes", "the scenario", root);
        // Checks across knobs (sample_every and warmup against duration) once all are read.
        for (const ScenarioKnob &k : scenarioKnobs())
            if (const YamlNode *v = root.find(k.key); v && k.check)
                k.check(r, *v, k, s);
    }

    void readNodes(const YamlNode &v) {
        if (!m_reader.expectMap(v, "nodes"))
            return;
        if (v.keys.empty()) {
            m_reader.error(v, "nodes: the scenario has no nodes");
            return;
        }
        // The first key of each id, by hash: thousands of nodes must not cost a scan each.
        std::unordered_map<std::string_view, std::size_t> firstOf;
        for (std::size_t i = 0; i < v.keys.size(); ++i) {
            const YamlNode &key = v.keys[i];
            const std::size_t first = firstOf.emplace(key.scalar, i).first->second;
            if (first != i) {
                const int line = v.keys[first].pos.line;
                m_reader.error(
                    key, "duplicate node id '" + key.scalar + "'" +
                             (line > 0 ? " (first defined on line " + std::to_string(line) + ")"
                                       : std::string()));
                continue;
            }
            if (auto node = loadNode(m_reader, key, v.values[i]))
                m_scenario.nodes.push_back(std::move(*node));
            else
                m_unresolved.insert(key.scalar);
        }
    }

    FieldReader m_reader;
    const std::vector<std::string> &m_overrides;
    Diagnostics &m_out;
    Scenario m_scenario;
    std::set<std::string> m_unresolved;
};

} // namespace

LoadResult loadScenarioText(const std::string &text, const std::string &fileName,
                            const std::vector<std::string> &overrides) {
    LoadResult result;
    try {
        Loader loader(fileName, overrides, result.diagnostics);
        result.scenario = loader.load(text);
    } catch (const std::exception &e) {
        // Nothing above should throw; if it does, the input still must not crash the app.
        result.scenario.reset();
        Diagnostic d;
        d.file = fileName;
        d.message = std::string("internal error while loading: ") + e.what();
        result.diagnostics.push_back(std::move(d));
    } catch (...) {
        result.scenario.reset();
        Diagnostic d;
        d.file = fileName;
        d.message = "internal error while loading";
        result.diagnostics.push_back(std::move(d));
    }
    return result;
}

// Only regular files are read, opened without blocking (a FIFO would wait for a writer) and
// never past kMaxFileBytes (a device file or a growing file has no size to trust).
std::string readScenarioFile(const std::string &path, std::string &text) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) {
        const int e = errno;
        if (e == ENOENT || e == ENOTDIR)
            return "cannot read the file: it does not exist";
        return std::string("cannot read the file: ") + std::strerror(e);
    }
    struct FdCloser {
        int fd;
        ~FdCloser() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        return std::string("cannot read the file: ") + std::strerror(errno);
    if (S_ISDIR(st.st_mode))
        return "cannot read the file: it is a directory";
    if (!S_ISREG(st.st_mode))
        return "cannot read the file: it is not a regular file (a device, a pipe or a socket)";
    const std::string tooLarge = "the file is too large for a scenario (more than " +
                                 std::to_string(kMaxFileBytes >> 20) + " MB)";
    if (static_cast<std::uintmax_t>(st.st_size) > kMaxFileBytes)
        return tooLarge;
    text.clear();
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return std::string("cannot read the file: ") + std::strerror(errno);
        if (n == 0)
            return {};
        if (text.size() + static_cast<std::size_t>(n) > kMaxFileBytes)
            return tooLarge;
        text.append(buffer, static_cast<std::size_t>(n));
    }
}

LoadResult loadScenarioFile(const std::string &path, const std::vector<std::string> &overrides) {
    auto fail = [&](const std::string &message) {
        LoadResult result;
        Diagnostic d;
        d.file = path;
        d.message = message;
        result.diagnostics.push_back(std::move(d));
        return result;
    };
    try {
        std::string text;
        if (std::string error = readScenarioFile(path, text); !error.empty())
            return fail(error);
        return loadScenarioText(text, path, overrides);
    } catch (const std::exception &e) {
        return fail(std::string("cannot read the file: ") + e.what());
    }
}

} // namespace eventbench::model
