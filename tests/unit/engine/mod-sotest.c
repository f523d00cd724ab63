/*
 * mod-sotest.c - a module built as a shared object the way a third party
 * builds one (public headers only), for test-registry.  Compiled three
 * times: as it should be, for a future API version (SOTEST_API_OFFSET=1),
 * and without a descriptor (SOTEST_NO_DESCRIPTOR).
 */
#include <prdr/prdr.h>

#ifndef SOTEST_API_OFFSET
#define SOTEST_API_OFFSET 0
#endif

static const PrdrConfigKey sotest_keys[] = {
  { "reply", PRDR_CONFIG_REPLY, 0, 0, "550 5.7.1 refused by sotest", "the reply" },
  { .key = NULL }
};

static gpointer
sotest_new (const PrdrConfigSection *section, GError **error)
{
  (void) error;
  return (gpointer) section;
}

/* sotest_evaluate - rejects every cell with the configured reply. */
static void
sotest_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  (void) txn;
  prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                         prdr_config_section_get_reply (instance, "reply"));
}

static const PrdrModule sotest_module = {
  .api_version = PRDR_MODULE_API_VERSION + SOTEST_API_OFFSET,
  .name = "sotest",
  .description = "rejects everything (test module)",
  .stages = PRDR_STAGE_EOM,
  .config_keys = sotest_keys,
  .instance_new = sotest_new,
  .evaluate = sotest_evaluate,
};

#ifndef SOTEST_NO_DESCRIPTOR
PRDR_MODULE_EXPORT (sotest_module)
#else
/* the descriptor is there but not exported under PRDR_MODULE_SYMBOL */
const PrdrModule *sotest_unexported = &sotest_module;
#endif
