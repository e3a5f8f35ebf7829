#pragma once
// RabbitMQ binding-key matching for exchange edges (topic exchange; a key without wildcards
// is a direct-exchange exact match). Pure function, no allocation; safe from any thread.
#include <string_view>

namespace eventbench::sim {

/// Matches `routingKey` against `pattern`, both split into words on '.'. A pattern word "*"
/// matches exactly one word and "#" zero or more words; any other word (including "a*")
/// matches only itself. The empty string has zero words, so "#" matches "" and "*" does not.
/// Worst case O(words(pattern) * words(routingKey)) word comparisons.
bool bindingMatches(std::string_view pattern, std::string_view routingKey);

} // namespace eventbench::sim
