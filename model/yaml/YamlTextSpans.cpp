#include "model/yaml/YamlTextSpans.h"

#include <algorithm>

namespace eventbench::model {

YamlTextSpans::YamlTextSpans(const std::string &text) : m_text(text) {
    m_lineStarts.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i)
        if (text[i] == '\n')
            m_lineStarts.push_back(i + 1);
}

std::size_t YamlTextSpans::offsetOf(SourcePos pos) const {
    if (pos.line <= 0)
        return m_text.size();
    const std::size_t line = std::min<std::size_t>(pos.line - 1, m_lineStarts.size() - 1);
    return std::min(m_text.size(), m_lineStarts[line] + std::max(pos.column - 1, 0));
}

std::size_t YamlTextSpans::lineStart(std::size_t at) const {
    auto it = std::upper_bound(m_lineStarts.begin(), m_lineStarts.end(), at);
    return *(it - 1);
}

std::size_t YamlTextSpans::nextLine(std::size_t at) const {
    const std::size_t nl = m_text.find('\n', at);
    return nl == std::string::npos ? m_text.size() : nl + 1;
}

std::string YamlTextSpans::indentOf(std::size_t at) const {
    const std::size_t start = lineStart(at);
    std::size_t end = start;
    while (end < m_text.size() && m_text[end] == ' ')
        ++end;
    return m_text.substr(start, end - start);
}

std::size_t YamlTextSpans::inlineEnd(std::size_t at, bool flow) const {
    const std::string &t = m_text;
    std::size_t i = at;
    if (i < t.size() && (t[i] == '"' || t[i] == '\'')) {
        const char q = t[i++];
        while (i < t.size()) {
            if (q == '"' && t[i] == '\\')
                i += 2;
            else if (t[i] == q && q == '\'' && i + 1 < t.size() && t[i + 1] == '\'')
                i += 2;
            else if (t[i++] == q)
                break;
        }
        return std::min(i, t.size());
    }
    if (i < t.size() && (t[i] == '{' || t[i] == '[')) {
        int depth = 0;
        while (i < t.size()) {
            const char c = t[i];
            if (c == '"' || c == '\'') {
                i = inlineEnd(i, true);
                continue;
            }
            if (c == '#' && i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n')) {
                i = nextLine(i);
                continue;
            }
            ++i;
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                break;
        }
        return i;
    }
    while (i < t.size() && t[i] != '\n') {
        const char c = t[i];
        const bool spaceNext = i + 1 >= t.size() || t[i + 1] == ' ' || t[i + 1] == '\n';
        if ((c == '#' && i > at && t[i - 1] == ' ') || (c == ':' && spaceNext))
            break;
        if (flow && (c == ',' || c == '}' || c == ']'))
            break;
        ++i;
    }
    while (i > at && (t[i - 1] == ' ' || t[i - 1] == '\r'))
        --i;
    return i;
}

bool YamlTextSpans::isBlankOrComment(std::size_t lineAt, std::size_t *indent) const {
    std::size_t i = lineAt;
    while (i < m_text.size() && m_text[i] == ' ')
        ++i;
    *indent = i - lineAt;
    return i >= m_text.size() || m_text[i] == '\n' || m_text[i] == '\r' || m_text[i] == '#';
}

std::size_t YamlTextSpans::blockEnd(std::size_t at, std::size_t indent, bool dashesAtIndent) const {
    std::size_t end = nextLine(at);
    for (std::size_t line = end; line < m_text.size(); line = nextLine(line)) {
        std::size_t lineIndent = 0;
        if (isBlankOrComment(line, &lineIndent))
            continue;
        const bool dash = dashesAtIndent && lineIndent == indent &&
                          m_text.compare(line + lineIndent, 2, "- ") == 0;
        if (lineIndent <= indent && !dash)
            break;
        end = nextLine(line);
    }
    return end;
}

std::size_t YamlTextSpans::commentsAbove(std::size_t at) const {
    std::size_t start = lineStart(at);
    while (start > 0) {
        const std::size_t previous = lineStart(start - 1);
        std::size_t indent = 0;
        if (!isBlankOrComment(previous, &indent) || m_text[previous + indent] != '#')
            break;
        start = previous;
    }
    return start;
}

void YamlTextSpans::replace(std::size_t begin, std::size_t end, std::string with) {
    m_edits.push_back({begin, end, std::move(with), m_edits.size()});
}

bool YamlTextSpans::apply(std::string *out) const {
    std::vector<Edit> edits = m_edits;
    std::sort(edits.begin(), edits.end(), [](const Edit &a, const Edit &b) {
        // An insertion before a removal that starts at the same place.
        if (a.begin != b.begin)
            return a.begin < b.begin;
        return a.end != b.end ? a.end < b.end : a.order < b.order;
    });
    std::string result;
    std::size_t done = 0;
    for (const Edit &e : edits) {
        if (e.begin < done || e.end < e.begin || e.end > m_text.size())
            return false;
        result.append(m_text, done, e.begin - done);
        result += e.with;
        done = e.end;
    }
    result.append(m_text, done, std::string::npos);
    *out = std::move(result);
    return true;
}

} // namespace eventbench::model
