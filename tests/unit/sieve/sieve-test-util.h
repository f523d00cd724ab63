/*
 * sieve-test-util.h - helpers for the Sieve unit tests: compile a script
 * and get its diagnostics, run a script on a message and get the actions in
 * prdr-sieve's one-line format (joined by '\n'), and an include resolver
 * over a table of scripts.
 */
#ifndef PRDR_SIEVE_TEST_UTIL_H
#define PRDR_SIEVE_TEST_UTIL_H

#include <string.h>
#include "sieve/sieve.h"

#define TEST_MESSAGE                                                        \
  "From: \"Joe Sender\" <joe+list@example.com>\r\n"                          \
  "To: me@example.org, Team: a@b.example, c@d.example;\r\n"                   \
  "Cc: undisclosed-recipients:;\r\n"                                         \
  "Subject: =?utf-8?q?H=C3=A9llo?= big\r\n  world\r\n"                        \
  "Date: Tue, 1 Dec 2020 10:11:12 +0100\r\n"                                 \
  "X-Spam-Score: 7\r\n"                                                     \
  "X-Spam-Score: 12\r\n"                                                    \
  "\r\n"                                                                     \
  "Hello body text\r\n"

/* compile_diags - "" when @script compiles, else its diagnostics, one per
 * line (warnings included) */
static inline char *
compile_diags (const PrdrSieveContext *ctx, const char *script)
{
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) s = prdr_sieve_script_compile (ctx, "t.sieve", script, -1,
                                                             &diags, &error);
  GString *out = g_string_new (NULL);

  for (guint i = 0; !s && diags && i < diags->len; i++)
    g_string_append_printf (out, "%s%s", i ? "\n" : "",
                            ((PrdrSieveDiagnostic *) g_ptr_array_index (diags, i))->text);
  return g_string_free (out, FALSE);
}

/* result_lines - the actions of @r in prdr-sieve's one-line format and
 * "implicit keep", joined by '\n'; "ERROR: message" when @r is NULL */
static inline char *
result_lines (const PrdrSieveResult *r, const GError *error)
{
  GString *out = g_string_new (NULL);

  if (!r)
    {
      g_string_printf (out, "ERROR: %s", error->message);
      return g_string_free (out, FALSE);
    }
  for (guint i = 0; i < r->actions->len; i++)
    {
      g_autofree char *line = prdr_sieve_action_format (g_ptr_array_index (r->actions, i));
      g_string_append_printf (out, "%s%s", out->len ? "\n" : "", line);
    }
  if (r->implicit_keep)
    g_string_append_printf (out, "%simplicit keep", out->len ? "\n" : "");
  return g_string_free (out, FALSE);
}

/* resolve_from_table - a script resolver's answer from @table's rows
 * { location, name, text }: the text of the row for @location and @name,
 * or G_IO_ERROR_NOT_FOUND */
static inline char *
resolve_from_table (const char *const (*table)[3], gsize rows, const char *location,
                    const char *name, gsize *length, GError **error)
{
  for (gsize i = 0; i < rows; i++)
    if (g_strcmp0 (location, table[i][0]) == 0 && g_strcmp0 (name, table[i][1]) == 0)
      {
        *length = strlen (table[i][2]);
        return g_strdup (table[i][2]);
      }
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "no %s", name);
  return NULL;
}

/* run_with - the result lines, or "ERROR: message" */
static inline char *
run_with (const PrdrSieveContext *ctx, const char *script, const char *message,
          const PrdrSieveEnvelope *env)
{
  g_autoptr (GPtrArray) diags = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PrdrSieveScript) s = prdr_sieve_script_compile (ctx, "t.sieve", script, -1,
                                                             &diags, &error);
  g_autoptr (PrdrSieveMessage) m = NULL;
  g_autoptr (PrdrSieveResult) r = NULL;

  if (!s)
    {
      GString *out = g_string_new ("COMPILE:");
      for (guint i = 0; diags && i < diags->len; i++)
        g_string_append_printf (out, " %s",
                                ((PrdrSieveDiagnostic *) g_ptr_array_index (diags, i))->text);
      return g_string_free (out, FALSE);
    }
  m = prdr_sieve_message_new_from_bytes (message, strlen (message), &error);
  g_assert_no_error (error);
  r = prdr_sieve_script_run (s, m, env, ctx, &error);
  return result_lines (r, error);
}

static inline char *
run_script (const char *script)
{
  PrdrSieveContext ctx;
  PrdrSieveEnvelope env = { .sender = "sender@example.com", .recipient = "me+box@example.org",
                            .auth_user = "joe" };
  prdr_sieve_context_init (&ctx);
  return run_with (&ctx, script, TEST_MESSAGE, &env);
}

#define assert_run(script, expected)                                         \
  G_STMT_START {                                                             \
    g_autofree char *got_ = run_script (script);                             \
    g_assert_cmpstr (got_, ==, expected);                                    \
  } G_STMT_END

#endif
