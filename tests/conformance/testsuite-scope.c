/*
 * testsuite-scope.c - which Pigeonhole extensions are outside the scope of
 * this engine (issue 5), so that a conformance block that depends on one
 * counts as "skipped (unsupported)" rather than failed.
 *
 *   ts_scope_unsupported
 *
 * The list, and why each is out of scope:
 *   imapflags, notify   deprecated drafts, replaced by imap4flags (RFC 5232)
 *                       and enotify (RFC 5435), which the engine implements
 *   mboxmetadata, servermetadata, special-use
 *                       need an IMAP server's mailbox metadata and special-use
 *                       flags (RFC 5490, RFC 8579); a milter has no mailboxes
 *   vnd.dovecot.*       Dovecot's vendor extensions (report, debug,
 *                       environment, duplicate, and the extprograms plugin:
 *                       pipe, filter, execute); vnd.dovecot.testsuite itself
 *                       is the test driver and is known
 * A capability counts only when the engine does not know it: should one of
 * them be implemented one day, its blocks pass or fail again.
 */
#include "testsuite.h"

#include <string.h>

static const char *const ts_scope_out[] = {
  "imapflags", "notify", "mboxmetadata", "servermetadata", "special-use",
};

static gboolean
ts_scope_is_out (const PrdrSieveContext *ctx, const char *cap)
{
  gboolean listed = g_str_has_prefix (cap, "vnd.dovecot.");

  for (gsize i = 0; !listed && i < G_N_ELEMENTS (ts_scope_out); i++)
    listed = g_ascii_strcasecmp (cap, ts_scope_out[i]) == 0;
  return listed && !prdr_sieve_extension_find (ctx, cap);
}

/* ts_scope_unsupported - the first out-of-scope capability that @text
 * (Sieve source) names in a require or ihave argument and that the engine
 * does not know, or NULL.  Comments are skipped. */
char *
ts_scope_unsupported (const PrdrSieveContext *ctx, const char *text)
{
  g_autoptr (GRegex) comments = g_regex_new ("/\\*.*?\\*/|#[^\\n]*", G_REGEX_DOTALL, 0, NULL);
  g_autoptr (GRegex) uses = g_regex_new ("\\b(?:require|ihave)\\s*(\\[[^\\]]*\\]|\"[^\"]*\")",
                                         G_REGEX_CASELESS, 0, NULL);
  g_autoptr (GRegex) strings = g_regex_new ("\"([^\"]*)\"", 0, 0, NULL);
  g_autofree char *clean = g_regex_replace_literal (comments, text, -1, 0, "", 0, NULL);
  g_autoptr (GMatchInfo) mi = NULL;

  g_regex_match (uses, clean, 0, &mi);
  for (; g_match_info_matches (mi); g_match_info_next (mi, NULL))
    {
      g_autofree char *arg = g_match_info_fetch (mi, 1);
      g_autoptr (GMatchInfo) si = NULL;
      g_regex_match (strings, arg, 0, &si);
      for (; g_match_info_matches (si); g_match_info_next (si, NULL))
        {
          g_autofree char *cap = g_match_info_fetch (si, 1);
          if (ts_scope_is_out (ctx, cap))
            return g_steal_pointer (&cap);
        }
    }
  return NULL;
}
