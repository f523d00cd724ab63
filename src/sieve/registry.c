/*
 * registry.c - the extension registry: the one global table of the
 * engine, const, listing the core commands and every extension with its
 * commands.  Extra extensions (test-only ones, optional ones built
 * elsewhere) come from PrdrSieveContext.extra_extensions and are searched
 * after it.
 *
 *   prdr_sieve_extension_find, prdr_sieve_command_find,
 *   prdr_sieve_capability_known, prdr_sieve_capabilities
 *
 * An extension is usable when the script required it (or one implying it)
 * and the context enables it (enabled_extensions, NULL = all).
 */
#include "sieve-private.h"

#include "commands.h"

#define PRDR_SIEVE_CMDS(...) ((const PrdrSieveCommandDef *const[]) { __VA_ARGS__, NULL })

static const PrdrSieveExtension prdr_sieve_ext_core = {
  .name = "",
  .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_require, &prdr_sieve_cmd_if,
                               &prdr_sieve_cmd_elsif, &prdr_sieve_cmd_else,
                               &prdr_sieve_cmd_stop, &prdr_sieve_cmd_keep,
                               &prdr_sieve_cmd_discard, &prdr_sieve_cmd_redirect,
                               &prdr_sieve_tst_true, &prdr_sieve_tst_false,
                               &prdr_sieve_tst_not, &prdr_sieve_tst_allof,
                               &prdr_sieve_tst_anyof, &prdr_sieve_tst_size,
                               &prdr_sieve_tst_header, &prdr_sieve_tst_address,
                               &prdr_sieve_tst_exists),
  .hidden = TRUE,
};

static const PrdrSieveExtension prdr_sieve_extensions[] = {
  { .name = "comparator-i;octet" },
  { .name = "comparator-i;ascii-casemap" },
  { .name = "comparator-i;ascii-numeric" },
  { .name = "encoded-character" },
  { .name = "fileinto", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_fileinto) },
  { .name = "envelope", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_envelope) },
  { .name = "reject", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_reject) },
  { .name = "ereject", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_ereject) },
  { .name = "variables",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_set, &prdr_sieve_tst_string) },
  { .name = "copy" },
  { .name = "relational" },
  { .name = "subaddress" },
  { .name = "regex" },
  { .name = "body", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_body) },
  { .name = "vacation", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_vacation) },
  { .name = "vacation-seconds", .implies = (const char *const[]) { "vacation", NULL } },
  { .name = "spamtest", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_spamtest) },
  { .name = "spamtestplus", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_spamtest) },
  { .name = "virustest", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_virustest) },
  { .name = "date",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_date, &prdr_sieve_tst_currentdate) },
  { .name = "index" },
  { .name = "environment", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_environment) },
  { .name = "mailbox", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_mailboxexists) },
  { .name = "ihave",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_ihave, &prdr_sieve_cmd_error) },
  { .name = "include",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_include, &prdr_sieve_cmd_return,
                                 &prdr_sieve_cmd_global),
    .namespaces = (const char *const[]) { "global", NULL } },
  { .name = "mime" },
  { .name = "foreverypart",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_foreverypart, &prdr_sieve_cmd_break) },
  /* RFC 5703 section 8: extracttext is of use only with these */
  { .name = "extracttext", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_extracttext),
    .needs = (const char *const[]) { "variables", "foreverypart", NULL } },
  { .name = "editheader",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_addheader, &prdr_sieve_cmd_deleteheader) },
  { .name = "duplicate", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_duplicate) },
  { .name = "enotify",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_notify, &prdr_sieve_tst_valid_notify_method,
                                 &prdr_sieve_tst_notify_method_capability) },
  { .name = "extlists", .commands = PRDR_SIEVE_CMDS (&prdr_sieve_tst_valid_ext_list) },
  { .name = "imap4flags",
    .commands = PRDR_SIEVE_CMDS (&prdr_sieve_cmd_setflag, &prdr_sieve_cmd_addflag,
                                 &prdr_sieve_cmd_removeflag, &prdr_sieve_tst_hasflag) },
};

static gboolean
prdr_sieve_extension_enabled (const PrdrSieveContext *ctx, const char *name)
{
  if (!ctx->enabled_extensions)
    return TRUE;
  for (const char *const *e = ctx->enabled_extensions; *e; e++)
    if (g_ascii_strcasecmp (*e, name) == 0)
      return TRUE;
  return FALSE;
}

const PrdrSieveExtension *
prdr_sieve_extension_find (const PrdrSieveContext *ctx, const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_extensions); i++)
    if (g_ascii_strcasecmp (prdr_sieve_extensions[i].name, name) == 0)
      return prdr_sieve_extension_enabled (ctx, name) ? &prdr_sieve_extensions[i] : NULL;
  for (const PrdrSieveExtension *const *e = ctx->extra_extensions; e && *e; e++)
    if (g_ascii_strcasecmp ((*e)->name, name) == 0)
      return *e;
  return NULL;
}

gboolean
prdr_sieve_capability_known (const PrdrSieveContext *ctx, const char *name)
{
  /* is @name a command of a known extension (for a better message)? */
  for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_extensions); i++)
    for (const PrdrSieveCommandDef *const *c = prdr_sieve_extensions[i].commands; c && *c; c++)
      if (g_ascii_strcasecmp ((*c)->name, name) == 0)
        return TRUE;
  (void) ctx;
  return FALSE;
}

static const PrdrSieveCommandDef *
prdr_sieve_extension_command (const PrdrSieveExtension *ext, const char *name)
{
  for (const PrdrSieveCommandDef *const *c = ext->commands; c && *c; c++)
    if (g_ascii_strcasecmp ((*c)->name, name) == 0)
      return *c;
  return NULL;
}

const PrdrSieveCommandDef *
prdr_sieve_command_find (PrdrSieveValidator *v, const char *name)
{
  const PrdrSieveCommandDef *def = prdr_sieve_extension_command (&prdr_sieve_ext_core, name);

  for (guint i = 0; !def && i < v->capabilities->len; i++)
    {
      const PrdrSieveExtension *ext =
        prdr_sieve_extension_find (v->ctx, g_ptr_array_index (v->capabilities, i));
      if (ext)
        def = prdr_sieve_extension_command (ext, name);
    }
  return def;
}

const char *const *
prdr_sieve_capabilities (void)
{
  /* a view of the const table, filled once (thread-safe) and read-only after */
  static const char *names[G_N_ELEMENTS (prdr_sieve_extensions) + 1];
  static gsize filled = 0;

  if (g_once_init_enter (&filled))
    {
      for (guint i = 0; i < G_N_ELEMENTS (prdr_sieve_extensions); i++)
        names[i] = prdr_sieve_extensions[i].name;
      g_once_init_leave (&filled, 1);
    }
  return names;
}
