/*
 * testsuite-store.c - the mail store a delivery agent files into, simulated
 * for the conformance suite: mailboxes of messages with their IMAP flags.
 * Mailbox names follow IMAP (RFC 3501 section 5.1): INBOX is
 * case-insensitive, also as the first level of a hierarchical name ("."
 * separates levels); a name with an empty level ("a//b", "a.", ".a") or a
 * control character cannot be stored into.  Reading a stored message back
 * (test_message :folder) makes its flags the imap4flags internal variable,
 * as a script run on a stored message sees them (RFC 6785 section 3.3).
 * Test code: the engine itself only reports actions.
 */
#include "testsuite.h"

#include <string.h>

static void
ts_stored_free (TsStored *m)
{
  g_free (m->raw);
  g_strfreev (m->flags);
  g_free (m);
}

/* ts_mailbox_name - @name with an INBOX first level spelled "INBOX" */
static char *
ts_mailbox_name (const char *name)
{
  if (g_ascii_strncasecmp (name, "INBOX", 5) == 0 && (name[5] == '\0' || name[5] == '.'))
    return g_strconcat ("INBOX", name + 5, NULL);
  return g_strdup (name);
}

static gboolean
ts_mailbox_name_valid (const char *name)
{
  static const char *const empty_levels[] = { "..", "//", "./", "/.", NULL };

  if (!*name || !g_utf8_validate (name, -1, NULL) || strchr ("./", name[0])
      || strchr ("./", name[strlen (name) - 1]))
    return FALSE;
  for (const char *const *e = empty_levels; *e; e++)
    if (strstr (name, *e))
      return FALSE;
  for (const char *p = name; *p; p++)
    if ((guchar) *p < 0x20 || *p == 0x7f)
      return FALSE;
  return TRUE;
}

static GPtrArray *
ts_mailbox (TsState *ts, const char *name, gboolean create)
{
  g_autofree char *key = ts_mailbox_name (name);
  GPtrArray *box = g_hash_table_lookup (ts->mailboxes, key);

  if (!box && create)
    {
      box = g_ptr_array_new_with_free_func ((GDestroyNotify) ts_stored_free);
      g_hash_table_insert (ts->mailboxes, g_steal_pointer (&key), box);
    }
  return box;
}

void
ts_mailbox_store (TsState *ts, const char *name, const char *raw)
{
  GPtrArray *box = ts_mailbox (ts, name, TRUE);

  if (raw)
    {
      TsStored *m = g_new0 (TsStored, 1);
      m->raw = g_strdup (raw);
      g_ptr_array_add (box, m);
    }
}

gboolean
ts_mailbox_exists (const char *name, gpointer data)
{
  return ts_mailbox (data, name, FALSE) != NULL;
}

const TsStored *
ts_mailbox_message (TsState *ts, const char *name, guint index)
{
  GPtrArray *box = ts_mailbox (ts, name, FALSE);

  return box && index < box->len ? g_ptr_array_index (box, index) : NULL;
}

/* ts_store_deliver - file @raw into @name with @flags (NULL-terminated or
 * NULL), creating the mailbox when @create; FALSE with an error in
 * ts->errors when it cannot be stored */
gboolean
ts_store_deliver (TsState *ts, const char *name, const char *raw, char **flags,
                  gboolean create)
{
  GPtrArray *box;
  TsStored *m;

  if (!ts_mailbox_name_valid (name))
    {
      g_ptr_array_add (ts->errors, g_strdup_printf (
                         "failed to store into mailbox '%s': Invalid mailbox name", name));
      return FALSE;
    }
  box = ts_mailbox (ts, name, create);
  if (!box)
    {
      g_ptr_array_add (ts->errors, g_strdup_printf (
                         "failed to store into mailbox '%s': Mailbox doesn't exist", name));
      return FALSE;
    }
  m = g_new0 (TsStored, 1);
  m->raw = g_strdup (raw);
  m->flags = g_strdupv (flags);
  g_ptr_array_add (box, m);
  return TRUE;
}

/* ts_store_flags_restore - the stored message's flags become the internal
 * variable of the run */
void
ts_store_flags_restore (PrdrSieveRun *run, const TsStored *m)
{
  g_ptr_array_set_size (run->flags, 0);
  for (char **f = m->flags; f && *f; f++)
    g_ptr_array_add (run->flags, g_strdup (*f));
}
