#include "model/yaml/YamlPrescan.h"

#include <vector>

namespace eventbench::model {

namespace {

bool isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

// One pass over the text. It follows only what decides the counts: quoted scalars, block
// scalars and comments (whose text must not count), flow brackets, block indicators and
// document markers. Every count errs on the high side, so a text within the limits is one
// that yaml-cpp builds in a bounded amount of memory.
class Prescan {
  public:
    Prescan(std::string_view text, const YamlLimits &limits) : m_text(text), m_limits(limits) {}

    YamlPrescanResult run() {
        while (m_i < m_text.size() && m_result.error.empty())
            line();
        return m_result;
    }

  private:
    char at(std::size_t i) const { return i < m_text.size() ? m_text[i] : '\n'; }
    SourcePos pos() const { return {m_line, static_cast<int>(m_i - m_lineStart) + 1}; }

    void fail(const std::string &message) {
        if (m_result.error.empty()) {
            m_result.error = message;
            m_result.errorPos = pos();
        }
    }

    void addValues(std::size_t n) {
        m_values += n;
        if (m_values > m_limits.maxValues)
            fail("the document is too large (more than " + std::to_string(m_limits.maxValues) +
                 " values); a scenario has a few thousand at most");
    }

    void checkDepth(int depth) {
        if (depth > m_limits.maxDepth)
            fail("the document is nested too deeply (more than " +
                 std::to_string(m_limits.maxDepth) + " levels of lists and maps)");
    }

    void newline() {
        ++m_i;
        ++m_line;
        m_lineStart = m_i;
    }

    // A line's start: a document marker, and the indentation that nests block collections.
    void beginLine() {
        std::size_t indent = 0;
        while (at(m_i + indent) == ' ')
            ++indent;
        if (m_flowDepth == 0 && indent == 0 && m_text.compare(m_i, 3, "---") == 0 &&
            isBlank(at(m_i + 3))) {
            if (++m_documents > 1)
                fail("the file holds more than one YAML document (or text after the end of "
                     "the first one)");
            m_i += 3;
        }
        m_i += m_i == m_lineStart ? indent : 0;
        if (m_flowDepth == 0 && at(m_i) != '#' && at(m_i) != '\n') {
            while (!m_indents.empty() && m_indents.back() >= indent)
                m_indents.pop_back();
            m_indents.push_back(indent);
            checkDepth(static_cast<int>(m_indents.size()));
        }
        m_lineIndent = indent;
    }

    // One line (or, inside flow collections and quoted scalars, the lines they span).
    void line() {
        beginLine();
        int dashes = 0;
        bool valueStart = true;
        while (m_i < m_text.size() && m_result.error.empty()) {
            const char c = m_text[m_i];
            if (c == '\n') {
                newline();
                if (m_flowDepth == 0)
                    return;
                valueStart = true;
                continue;
            }
            if (c == '#' && (m_i == m_lineStart || isBlank(m_text[m_i - 1]))) {
                while (m_i < m_text.size() && m_text[m_i] != '\n')
                    ++m_i;
                continue;
            }
            if (isBlank(c)) {
                ++m_i;
                continue;
            }
            if (valueStart && (c == '"' || c == '\'')) {
                quoted(c);
                valueStart = false;
                continue;
            }
            if (valueStart && m_flowDepth == 0 && (c == '|' || c == '>')) {
                blockScalar();
                return;
            }
            if (valueStart && (c == '!' || c == '&')) {
                property();
                continue;
            }
            if (valueStart && c == '*') {
                if (++m_aliases > m_limits.maxAliases)
                    fail("too many aliases (more than " + std::to_string(m_limits.maxAliases) +
                         " '*name' references)");
            }
            if (m_flowDepth == 0 && valueStart && (c == '-' || c == '?') && isBlank(at(m_i + 1))) {
                addValues(1);
                checkDepth(static_cast<int>(m_indents.size()) + ++dashes);
                m_i += 2;
                continue;
            }
            if (flowPunctuation(c, valueStart, dashes))
                continue;
            valueStart = false;
            ++m_i;
        }
    }

    // A tag (`!name`) or an anchor (`&name`) before a value: the value still starts after it.
    void property() {
        while (m_i < m_text.size() && !isBlank(m_text[m_i]) && m_text[m_i] != '\n')
            ++m_i;
    }

    // Brackets, braces, flow commas and the `: ` of a mapping; true when `c` was one of them.
    bool flowPunctuation(char c, bool &valueStart, int dashes) {
        if ((c == '[' || c == '{') && (valueStart || m_flowDepth > 0)) {
            addValues(1);
            ++m_flowDepth;
            checkDepth(static_cast<int>(m_indents.size()) + dashes + m_flowDepth);
            ++m_i;
            valueStart = true;
            return true;
        }
        if ((c == ']' || c == '}') && m_flowDepth > 0) {
            --m_flowDepth;
            ++m_i;
            return true;
        }
        if (c == ',' && m_flowDepth > 0) {
            addValues(1);
            ++m_i;
            valueStart = true;
            return true;
        }
        const char next = at(m_i + 1);
        if (c == ':' &&
            (isBlank(next) || (m_flowDepth > 0 && (next == ',' || next == ']' || next == '}')))) {
            addValues(2);
            ++m_i;
            valueStart = true;
            return true;
        }
        return false;
    }

    // A quoted scalar from its opening quote; it may span lines.
    void quoted(char quote) {
        ++m_i;
        while (m_i < m_text.size()) {
            const char c = m_text[m_i];
            if (c == '\n') {
                newline();
            } else if (quote == '"' && c == '\\') {
                m_i += at(m_i + 1) == '\n' ? 1 : 2;
            } else {
                ++m_i;
                if (c == quote)
                    return;
            }
        }
    }

    // `|` or `>`: the rest of the line, then every line that is blank or indented more than
    // the line that opened it.
    void blockScalar() {
        while (m_i < m_text.size() && m_text[m_i] != '\n')
            ++m_i;
        while (m_i < m_text.size()) {
            newline();
            std::size_t indent = 0;
            while (at(m_i + indent) == ' ')
                ++indent;
            const char first = at(m_i + indent);
            if (indent <= m_lineIndent && first != '\n' && first != '\r')
                return;
            while (m_i < m_text.size() && m_text[m_i] != '\n')
                ++m_i;
        }
    }

    std::string_view m_text;
    YamlLimits m_limits;
    YamlPrescanResult m_result;
    std::size_t m_i = 0;
    std::size_t m_lineStart = 0;
    int m_line = 1;
    std::size_t m_lineIndent = 0;
    std::vector<std::size_t> m_indents; // indentation of the open block levels
    int m_flowDepth = 0;
    int m_documents = 0;
    std::size_t m_values = 0;
    std::size_t m_aliases = 0;
};

} // namespace

YamlPrescanResult prescanYaml(std::string_view text, const YamlLimits &limits) {
    return Prescan(text, limits).run();
}

} // namespace eventbench::model
