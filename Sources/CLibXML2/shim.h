// libxml2's headers pull in ICU, which clashes with Foundation's own ICU module.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlerror.h>
// The loaded libxml2's version ("20914" for 2.9.14): `xmlParserVersion` is a macro over a
// per-thread accessor in some releases and a plain global in others; C reads both.
static inline const char *clibxml2_runtime_version(void) { return xmlParserVersion; }
