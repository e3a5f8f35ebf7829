#pragma once
// The official AsyncAPI JSON Schemas (2.6.0 and 3.0.0, from the npm package @asyncapi/specs,
// checked in under third_party/asyncapi-specs) applied to a document before it is converted:
// a document that does not validate is refused with the schema's message at the position of
// the offending value.
#include "model/formats/ImportSupport.h"

namespace eventbench::model {

/// Checks `root` against the schema of its version; false (with errors in `log`) when it
/// does not validate.
bool validateAsyncApi(const YamlNode &root, bool v3, ImportLog &log);

} // namespace eventbench::model
