/*
 * simple.c - mod_simple, the example module: everything a third-party
 * module needs, and nothing else.  It is built as a shared object
 * (mod_simple.so) against the public headers only, exactly as a module
 * outside this tree would be, and loaded by listing its path:
 *
 *   [general]
 *   modules = /usr/lib/prdr-milter/mod_simple.so, exec
 *
 *   [simple]
 *   users = alice, bob
 *   reply = 550 5.7.1 This recipient does not accept mail here
 *
 * What it does: at RCPT time it rejects the recipients whose user (the
 * local part, lower-cased, without a "+detail") is listed in [simple]
 * users.  Everyone else passes on to the next module.
 *
 * Configuration, section [simple] (for the man page):
 *
 *   key    type   default                                     meaning
 *   users  list   (empty)                                     users to reject
 *   reply  reply  550 5.7.1 This recipient does not accept    the reply
 *                 mail here
 *
 * Build your own (the pkg-config package "prdr-module" gives the flags):
 *
 *   cc -shared -fPIC $(pkg-config --cflags prdr-module) -o mod_mine.so mine.c
 *
 * The undefined prdr_* symbols are resolved against prdr-milter when it
 * loads the module.
 */

/* One header gives the whole API: modules, configuration, transactions,
 * verdicts, tables. */
#include <prdr/prdr.h>

/* ---- configuration ------------------------------------------------------
 * The module declares its keys in a table: name, type, bounds (numbers
 * only), the default as it would be written in the file, and one line of
 * help.  The engine refuses keys not in the table and values of the wrong
 * type, with the file name and line, before the module sees them. */
static const PrdrConfigKey simple_keys[] = {
  { "users", PRDR_CONFIG_LIST, 0, 0, NULL,
    "users (local part, lower-case, no +detail) whose mail is rejected" },
  { "reply", PRDR_CONFIG_REPLY, 0, 0,
    "550 5.7.1 This recipient does not accept mail here",
    "the reply to their RCPT" },
  { NULL, 0, 0, 0, NULL, NULL }
};

/* ---- state --------------------------------------------------------------
 * Built once at start-up by instance_new() and then shared, read-only, by
 * every thread of the daemon: no locking needed. */
typedef struct {
  GHashTable *users;   /* lower-cased user names (a set) */
  PrdrReply *reply;    /* what rejected recipients are told */
} Simple;

static void
simple_free (gpointer instance)
{
  Simple *simple = instance;
  if (simple == NULL)
    return;
  g_hash_table_unref (simple->users);
  prdr_reply_free (simple->reply);
  g_free (simple);
}

/* instance_new: read the section with the getters (they cannot fail: a key
 * that is not in the file gives its default).  Returning NULL with @error
 * set refuses the configuration; prdr_config_section_error() adds the file
 * and line for us. */
static gpointer
simple_new (const PrdrConfigSection *section, GError **error)
{
  g_autoptr (GError) local = NULL;
  PrdrReply *reply = prdr_reply_parse (prdr_config_section_get_string (section, "reply"),
                                       "550", "5.7.1", &local);
  if (reply == NULL)
    {
      prdr_config_section_error (section, "reply", error, "%s", local->message);
      return NULL;
    }

  Simple *simple = g_new0 (Simple, 1);
  simple->reply = reply;
  simple->users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *users = prdr_config_section_get_list (section, "users");
  for (gsize i = 0; users != NULL && users[i] != NULL; i++)
    g_hash_table_add (simple->users, g_ascii_strdown (users[i], -1));
  return simple;
}

/* ---- the decision --------------------------------------------------------
 * evaluate() gets a cell: the recipients that share a class key.  At the
 * RCPT stage a cell holds exactly the recipient just given.  Not setting a
 * verdict means "continue": the next module decides. */
static void
simple_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  Simple *simple = instance;

  for (guint i = 0; i < prdr_cell_recipient_count (cell); i++)
    {
      const PrdrRecipient *rcpt = prdr_cell_recipient (cell, i);
      if (!g_hash_table_contains (simple->users, prdr_recipient_user (rcpt)))
        continue;
      /* Log through the transaction: the line carries the session and
       * queue ids.  (The engine logs the verdict itself as well.) */
      prdr_transaction_log (txn, G_LOG_LEVEL_INFO, "simple: %s is listed",
                            prdr_recipient_address (rcpt));
      /* The cell takes ownership of the reply, so give it a copy. */
      prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT, prdr_reply_copy (simple->reply));
      return;
    }
}

/* ---- the descriptor -------------------------------------------------------
 * What the engine reads when it loads the shared object.  class_key is
 * left out: the module treats every recipient alike except for the one
 * question it asks at RCPT, so it never splits a transaction at the end of
 * the message. */
static const PrdrModule simple_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "simple",
  .description = "example module: reject the recipients listed in [simple] users",
  .stages = PRDR_STAGE_RCPT,
  .config_keys = simple_keys,
  .instance_new = simple_new,
  .instance_free = simple_free,
  .evaluate = simple_evaluate,
};

/* Exports the descriptor under the symbol the engine looks for. */
PRDR_MODULE_EXPORT (simple_module)
