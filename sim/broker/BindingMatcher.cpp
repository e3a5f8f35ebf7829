#include "sim/broker/BindingMatcher.h"

#include <cstddef>

namespace eventbench::sim {

namespace {

// A position in a dot-separated word list is the byte offset where a word starts; offsets
// past the end mean "no more words". The empty string starts past its end (zero words).
struct Words {
    std::string_view text;

    std::size_t begin() const { return text.empty() ? 1 : 0; }
    bool atEnd(std::size_t pos) const { return pos > text.size(); }
    std::size_t wordEnd(std::size_t pos) const {
        const std::size_t dot = text.find('.', pos);
        return dot == std::string_view::npos ? text.size() : dot;
    }
    std::string_view word(std::size_t pos) const { return text.substr(pos, wordEnd(pos) - pos); }
    std::size_t next(std::size_t pos) const { return wordEnd(pos) + 1; }
};

} // namespace

bool bindingMatches(std::string_view pattern, std::string_view routingKey) {
    if (pattern.find_first_of("*#") == std::string_view::npos)
        return pattern == routingKey;

    // Glob matching over words with single-star backtracking: "#" plays the role of a glob
    // '*', "*" of '?'. On a mismatch only the most recent "#" needs to absorb one more word,
    // because any earlier "#" could only shift words the later one can absorb as well.
    const Words pat{pattern};
    const Words key{routingKey};
    std::size_t p = pat.begin();
    std::size_t k = key.begin();
    constexpr std::size_t none = std::string_view::npos;
    std::size_t hashP = none; // pattern position of the last "#" seen
    std::size_t hashK = 0;    // key position that "#" currently stops before

    while (!key.atEnd(k)) {
        if (!pat.atEnd(p)) {
            const std::string_view w = pat.word(p);
            if (w == "#") {
                hashP = p;
                hashK = k;
                p = pat.next(p);
                continue;
            }
            if (w == "*" || w == key.word(k)) {
                p = pat.next(p);
                k = key.next(k);
                continue;
            }
        }
        if (hashP == none)
            return false;
        hashK = key.next(hashK);
        k = hashK;
        p = pat.next(hashP);
    }
    while (!pat.atEnd(p) && pat.word(p) == "#")
        p = pat.next(p);
    return pat.atEnd(p);
}

} // namespace eventbench::sim
