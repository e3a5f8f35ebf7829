#pragma once
// Where things are in the text of a YAML file, and a list of replacements to apply to it: the
// text-level half of ScenarioPatcher. Positions come from YamlNode (line/column of yaml-cpp's
// marks); spans are byte offsets into the text. Owned by one patch; not thread-safe.
#include <cstddef>
#include <string>
#include <vector>

#include "model/scenario/Scenario.h"

namespace eventbench::model {

class YamlTextSpans {
  public:
    explicit YamlTextSpans(const std::string &text);

    const std::string &text() const { return m_text; }
    /// The byte offset of a 1-based line/column (clamped to the text).
    std::size_t offsetOf(SourcePos pos) const;
    std::size_t lineStart(std::size_t at) const;
    /// The offset just after the line's '\n' (or the end of the text).
    std::size_t nextLine(std::size_t at) const;
    /// The leading spaces of the line holding `at`.
    std::string indentOf(std::size_t at) const;
    /// The end of the value that starts at `at` and stays on its line or is one bracketed
    /// flow collection: a quoted string, a `{...}`/`[...]`, or a plain scalar up to a comment,
    /// `: `, or (in flow context) `,`, `}` or `]`. Trailing spaces are left out.
    std::size_t inlineEnd(std::size_t at, bool flow) const;
    /// The end (start of the next line not in it) of the block entry whose first line holds
    /// `at` at indentation `indent`: deeper lines, with blank and comment lines between them
    /// but not after them. `dashesAtIndent`: a `- ` item at `indent` belongs too (a block
    /// sequence under a map key may sit at the key's own indentation).
    std::size_t blockEnd(std::size_t at, std::size_t indent, bool dashesAtIndent) const;
    /// The start of the comment lines directly above the line holding `at` (or its start).
    std::size_t commentsAbove(std::size_t at) const;

    /// Records a replacement of [begin, end) by `with`.
    void replace(std::size_t begin, std::size_t end, std::string with);
    /// The text with every replacement applied; false when two of them overlap.
    bool apply(std::string *out) const;

  private:
    struct Edit {
        std::size_t begin, end;
        std::string with;
        std::size_t order;
    };
    bool isBlankOrComment(std::size_t lineAt, std::size_t *indent) const;

    const std::string &m_text;
    std::vector<std::size_t> m_lineStarts;
    std::vector<Edit> m_edits;
};

} // namespace eventbench::model
