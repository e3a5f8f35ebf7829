#include "model/formats/AsyncApiSchema.h"

namespace eventbench::model {

bool validateAsyncApi(const YamlNode &root, bool v3, ImportLog &log) {
    (void)root;
    (void)v3;
    (void)log;
    return true;
}

} // namespace eventbench::model
