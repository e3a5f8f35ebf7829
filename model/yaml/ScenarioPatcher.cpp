#include "model/yaml/ScenarioPatcher.h"

#include <functional>
#include <optional>

#include "model/catalogue/KnobCatalogue.h"
#include "model/yaml/ScenarioLoader.h"
#include "model/yaml/ScenarioWriter.h"
#include "model/yaml/YamlReader.h"
#include "model/yaml/YamlTextSpans.h"

namespace eventbench::model {

namespace {

// Lists longer than this (squared) are rewritten whole rather than diffed item by item.
constexpr std::size_t kMaxDiffCells = 4'000'000;

// One knob of a map: its key, whether the edit changed it, and its new text (none: default).
struct KnobRow {
    std::string key;
    bool changed = false;
    std::optional<std::string> value;
};

template <typename Owner>
std::optional<std::string> knobText(const KnobInfo<Owner> &k, const Owner &o) {
    return k.codec.isDefault(o) ? std::nullopt : k.codec.write(o, k);
}

template <typename Owner>
void addRow(std::vector<KnobRow> &rows, const KnobInfo<Owner> &k, const Owner &before,
            const Owner &after) {
    std::optional<std::string> was = knobText(k, before);
    std::optional<std::string> now = knobText(k, after);
    rows.push_back({std::string(k.key), was != now, std::move(now)});
}

std::vector<KnobRow> nodeRows(const Node &before, const Node &after) {
    std::vector<KnobRow> rows;
    addRow(rows, nodeKindKnob(), before, after);
    for (const NodeKnob &k : nodeKnobs(after.kind))
        addRow(rows, k, before, after);
    addRow(rows, nodePosKnob(), before, after);
    return rows;
}

bool anyChanged(const std::vector<KnobRow> &rows) {
    for (const KnobRow &r : rows)
        if (r.changed)
            return true;
    return false;
}

class Patcher {
  public:
    explicit Patcher(const std::string &text) : m_s(text) {}

    YamlTextSpans &spans() { return m_s; }

    std::size_t at(const YamlNode &n) const { return m_s.offsetOf(n.pos); }

    // The whole entry `keys[i]: value` of a block map, as lines.
    std::pair<std::size_t, std::size_t> entryLines(const YamlNode &map, int i) const {
        const std::size_t keyAt = at(map.keys[i]);
        const std::size_t indent = m_s.indentOf(keyAt).size();
        return {m_s.lineStart(keyAt), m_s.blockEnd(keyAt, indent, true)};
    }

    bool isFlow(const YamlNode &n) const {
        const std::size_t a = at(n);
        return a < m_s.text().size() && (m_s.text()[a] == '{' || m_s.text()[a] == '[');
    }

    void patchMap(const YamlNode &map, const std::vector<KnobRow> &rows) {
        if (isFlow(map))
            patchFlowMap(map, rows);
        else
            patchBlockMap(map, rows);
    }

    void replaceEntry(const YamlNode &map, int i, const std::string &with) {
        auto [begin, end] = entryLines(map, i);
        m_s.replace(begin, end, with);
    }

    void deleteEntry(const YamlNode &map, int i) { replaceEntry(map, i, ""); }

  private:
    // The nearest earlier row present in `map` and kept, or -1.
    static int anchorOf(const YamlNode &map, const std::vector<KnobRow> &rows, std::size_t row) {
        for (std::size_t r = row; r-- > 0;) {
            const int i = map.indexOf(rows[r].key);
            if (i >= 0 && (!rows[r].changed || rows[r].value))
                return i;
        }
        return -1;
    }

    void patchBlockMap(const YamlNode &map, const std::vector<KnobRow> &rows) {
        const std::string indent = m_s.indentOf(at(map.keys.front()));
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const KnobRow &row = rows[r];
            if (!row.changed)
                continue;
            const int i = map.indexOf(row.key);
            const std::string line = row.value ? indent + row.key + ": " + *row.value + "\n" : "";
            if (i < 0) {
                const int anchor = anchorOf(map, rows, r);
                const std::size_t where = anchor >= 0 ? entryLines(map, anchor).second
                                                      : m_s.lineStart(at(map.keys.front()));
                if (row.value)
                    m_s.replace(where, where, line);
                continue;
            }
            const YamlNode &value = map.values[i];
            const std::size_t keyAt = at(map.keys[i]), valueAt = at(value);
            const char first = valueAt < m_s.text().size() ? m_s.text()[valueAt] : '\n';
            const bool inlineValue = !value.isNull() && first != '|' && first != '>' &&
                                     m_s.lineStart(valueAt) == m_s.lineStart(keyAt) &&
                                     (!value.isMap() || first == '{');
            if (row.value && inlineValue)
                m_s.replace(valueAt, m_s.inlineEnd(valueAt, false), *row.value);
            else
                replaceEntry(map, i, line);
        }
    }

    void patchFlowMap(const YamlNode &map, const std::vector<KnobRow> &rows) {
        const int n = int(map.keys.size());
        auto valueEnd = [&](int i) { return m_s.inlineEnd(at(map.values[i]), true); };
        std::vector<bool> gone(n, false);
        for (const KnobRow &row : rows)
            if (row.changed && !row.value && map.indexOf(row.key) >= 0)
                gone[map.indexOf(row.key)] = true;
        for (int a = 0; a < n; ++a) {
            if (!gone[a])
                continue;
            int b = a;
            while (b + 1 < n && gone[b + 1])
                ++b;
            if (b + 1 < n)
                m_s.replace(at(map.keys[a]), at(map.keys[b + 1]), "");
            else if (a > 0)
                m_s.replace(valueEnd(a - 1), valueEnd(b), "");
            else
                m_s.replace(at(map.keys[a]), valueEnd(b), "");
            a = b;
        }
        int firstKept = -1;
        for (int i = 0; i < n && firstKept < 0; ++i)
            firstKept = gone[i] ? -1 : i;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const KnobRow &row = rows[r];
            if (!row.changed || !row.value)
                continue;
            const int i = map.indexOf(row.key);
            const std::string entry = row.key + ": " + *row.value;
            if (i >= 0) {
                m_s.replace(at(map.values[i]), valueEnd(i), *row.value);
            } else if (const int anchor = anchorOf(map, rows, r); anchor >= 0) {
                m_s.replace(valueEnd(anchor), valueEnd(anchor), ", " + entry);
            } else if (firstKept >= 0) {
                const std::size_t where = at(map.keys[firstKept]);
                m_s.replace(where, where, entry + ", ");
            } else {
                m_s.replace(at(map) + 1, at(map) + 1, entry);
            }
        }
    }

    YamlTextSpans m_s;
};

void patchNodes(Patcher &p, const YamlNode &root, const Scenario &base, const Scenario &after) {
    YamlTextSpans &s = p.spans();
    const int section = root.indexOf("nodes");
    const YamlNode *nodes = section >= 0 ? &root.values[section] : nullptr;
    if (!nodes || !nodes->isMap() || p.isFlow(*nodes) || nodes->keys.empty()) {
        std::string text = "nodes:\n";
        for (const Node &n : after.nodes)
            text += nodeEntryYaml(n, "  ");
        if (after.nodes.empty())
            text = "nodes: {}\n";
        if (section >= 0)
            p.replaceEntry(root, section, text);
        else
            s.replace(s.text().size(), s.text().size(), "\n" + text);
        return;
    }
    const std::string indent = s.indentOf(p.at(nodes->keys.front()));
    std::size_t insertAt = s.lineStart(p.at(nodes->keys.front()));
    for (std::size_t k = 0; k < after.nodes.size(); ++k) {
        const Node &now = after.nodes[k];
        const Node *was = base.findNode(now.id);
        // A node renamed in place: same slot, same kind, its old id gone.
        const bool renamed = !was && k < base.nodes.size() && base.nodes[k].kind == now.kind &&
                             !after.findNode(base.nodes[k].id);
        if (renamed)
            was = &base.nodes[k];
        const int i = was ? nodes->indexOf(was->id) : -1;
        if (i < 0) {
            s.replace(insertAt, insertAt, nodeEntryYaml(now, indent));
            continue;
        }
        insertAt = p.entryLines(*nodes, i).second;
        if (*was == now)
            continue;
        const YamlNode &value = nodes->values[i];
        if (was->kind != now.kind || !value.isMap() || value.keys.empty()) {
            p.replaceEntry(*nodes, i, nodeEntryYaml(now, indent));
            continue;
        }
        if (renamed) {
            const std::size_t keyAt = p.at(nodes->keys[i]);
            s.replace(keyAt, s.inlineEnd(keyAt, false), yamlString(now.id, false));
        }
        const std::vector<KnobRow> rows = nodeRows(*was, now);
        if (anyChanged(rows))
            p.patchMap(value, rows);
    }
    for (std::size_t k = 0; k < base.nodes.size(); ++k) {
        const Node &was = base.nodes[k];
        const bool renamed = k < after.nodes.size() && !after.findNode(was.id) &&
                             !base.findNode(after.nodes[k].id) && after.nodes[k].kind == was.kind;
        if (!after.findNode(was.id) && !renamed && nodes->indexOf(was.id) >= 0)
            p.deleteEntry(*nodes, nodes->indexOf(was.id));
    }
}

// One of the list sections: its key and the text of each item before and after.
struct ListSection {
    const char *key;
    std::vector<std::string> before, after;
};

std::string sectionText(const ListSection &l) {
    std::string text = std::string(l.key) + ":\n";
    for (const std::string &item : l.after)
        text += "  - " + item + "\n";
    return text;
}

// Item by item: kept items stay, changed ones change in place, the rest go or come.
void diffItems(Patcher &p, const YamlNode &seq, const ListSection &l) {
    YamlTextSpans &s = p.spans();
    const std::vector<std::string> &a = l.before, &b = l.after;
    const std::size_t n = a.size(), m = b.size();
    std::vector<std::vector<int>> lcs(n + 1, std::vector<int>(m + 1, 0));
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            lcs[i][j] =
                a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    const std::string indent = s.indentOf(p.at(seq.items.front()));
    auto lines = [&](std::size_t i) {
        const std::size_t itemAt = p.at(seq.items[i]);
        return std::pair{s.lineStart(itemAt), s.blockEnd(itemAt, indent.size(), false)};
    };
    std::vector<std::size_t> dels, ins;
    std::size_t insertAt = lines(0).first;
    auto flush = [&] {
        const std::size_t pairs = std::min(dels.size(), ins.size());
        for (std::size_t k = 0; k < dels.size(); ++k) {
            const YamlNode &item = seq.items[dels[k]];
            const std::size_t itemAt = p.at(item);
            const bool inlineItem = !item.isMap() || s.text()[itemAt] == '{';
            if (k < pairs && inlineItem)
                s.replace(itemAt, s.inlineEnd(itemAt, false), b[ins[k]]);
            else
                s.replace(lines(dels[k]).first, lines(dels[k]).second,
                          k < pairs ? indent + "- " + b[ins[k]] + "\n" : "");
            insertAt = lines(dels[k]).second;
        }
        for (std::size_t k = pairs; k < ins.size(); ++k)
            s.replace(insertAt, insertAt, indent + "- " + b[ins[k]] + "\n");
        dels.clear();
        ins.clear();
    };
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
        if (i < n && j < m && a[i] == b[j]) {
            flush();
            insertAt = lines(i).second;
            ++i, ++j;
        } else if (j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
            dels.push_back(i++);
        } else {
            ins.push_back(j++);
        }
    }
    flush();
}

void patchList(Patcher &p, const YamlNode &root, const ListSection &l, const char *const *later) {
    YamlTextSpans &s = p.spans();
    if (l.before == l.after)
        return;
    const int section = root.indexOf(l.key);
    if (section < 0) {
        for (; *later; ++later)
            if (const int next = root.indexOf(*later); next >= 0) {
                const std::size_t where = s.commentsAbove(p.at(root.keys[next]));
                s.replace(where, where, sectionText(l) + "\n");
                return;
            }
        const std::string &t = s.text();
        const bool newline = t.empty() || t.back() == '\n';
        s.replace(t.size(), t.size(), (newline ? "\n" : "\n\n") + sectionText(l));
        return;
    }
    const YamlNode &seq = root.values[section];
    if (l.after.empty())
        p.deleteEntry(root, section);
    else if (!seq.isSequence() || p.isFlow(seq) || seq.items.size() != l.before.size() ||
             seq.items.empty() || l.before.size() * l.after.size() > kMaxDiffCells)
        p.replaceEntry(root, section, sectionText(l));
    else
        diffItems(p, seq, l);
}

template <typename T, typename F> std::vector<std::string> texts(const std::vector<T> &v, F f) {
    std::vector<std::string> out;
    for (const T &x : v)
        out.push_back(f(x));
    return out;
}

// The patched text, or nullopt when the file is not a map the patcher can follow.
std::optional<std::string> patched(const std::string &text, const Scenario &base,
                                   const Scenario &after) {
    YamlReadResult read = readYaml(text);
    if (!read.root || !read.root->isMap() || read.root->keys.empty())
        return std::nullopt;
    const YamlNode &root = *read.root;
    Patcher p(text);
    std::vector<KnobRow> rows;
    for (const ScenarioKnob &k : scenarioKnobs())
        addRow(rows, k, base, after);
    if (anyChanged(rows))
        p.patchMap(root, rows);
    patchNodes(p, root, base, after);
    static const char *const kLater[] = {"faults", "expect", nullptr};
    patchList(p, root, {"edges", texts(base.edges, edgeYaml), texts(after.edges, edgeYaml)},
              kLater);
    patchList(p, root, {"faults", texts(base.faults, faultYaml), texts(after.faults, faultYaml)},
              kLater + 1);
    patchList(p, root,
              {"expect", texts(base.expectations, expectationYaml),
               texts(after.expectations, expectationYaml)},
              kLater + 2);
    std::string out;
    if (!p.spans().apply(&out))
        return std::nullopt;
    return out;
}

// Whether `text` loads as `after`; positions the file leaves out count as the unmoved ones.
bool loadsAs(const std::string &text, const Scenario &base, const Scenario &after) {
    LoadResult r = loadScenarioText(text, after.fileName);
    if (!r.scenario || r.scenario->nodes.size() != after.nodes.size())
        return false;
    Scenario loaded = std::move(*r.scenario);
    for (std::size_t i = 0; i < loaded.nodes.size(); ++i) {
        const Node &now = after.nodes[i];
        const Node *was = base.findNode(now.id);
        if (!loaded.nodes[i].pos && was && was->pos == now.pos)
            loaded.nodes[i].pos = now.pos;
    }
    return loaded == after;
}

} // namespace

std::string patchScenarioYaml(const std::string &text, const Scenario &base,
                              const Scenario &after) {
    // Without a file's text (a scenario made in the app, or handed over in code) there is
    // nothing to keep: the writer's form is the text.
    if (text.empty())
        return writeScenarioYaml(after);
    if (base == after)
        return text;
    std::optional<std::string> out = patched(text, base, after);
    if (out && loadsAs(*out, base, after))
        return *out;
    return writeScenarioYaml(after);
}

} // namespace eventbench::model
