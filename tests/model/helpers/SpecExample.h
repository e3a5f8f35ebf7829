#pragma once
// Moved to tests/support (the tests' shared library); kept so that older includes compile.
#include "support/SpecExample.h"
