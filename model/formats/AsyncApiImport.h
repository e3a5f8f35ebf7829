#pragma once
// `eventbench import asyncapi FILE` (README.md#asyncapi): an AsyncAPI 2.6 or 3.0 document
// becomes a scenario. Channels become buses by their bindings (kafka: a topic with its
// partitions and retention; sqs: a queue with its visibility timeout, delay, retention, FIFO
// and redrive policy; sns: an exchange whose SQS subscriptions carry their filter policies;
// amqp: a queue, or an exchange of its type with one bound queue per receiver), or by their
// servers' protocol when they have none. Send operations (2.6: `subscribe`, the messages the
// application produces) become producers, receive operations (2.6: `publish`) consumers. The
// document is checked against the official AsyncAPI JSON Schema first. What AsyncAPI cannot
// say gets a default and a positioned warning.
#include <string>

#include "model/formats/ImportSupport.h"

namespace eventbench::model {

/// Converts the document at `path`.
ImportResult importAsyncApiFile(const std::string &path);
/// Converts a document already in memory; `fileName` names it in diagnostics.
ImportResult importAsyncApiText(const std::string &text, const std::string &fileName);

} // namespace eventbench::model
