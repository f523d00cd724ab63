/*
 * sieve-test-util.h - helpers for the Sieve unit tests: compile a script
 * and get its diagnostics, run a script on a message and get the actions in
 * prdr-sieve's one-line format (joined by '\n').
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
  GString *out = g_string_new (NULL);

  if (!s)
    {
      g_string_append (out, "COMPILE:");
      for (guint i = 0; diags && i < diags->len; i++)
        g_string_append_printf (out, " %s",
                                ((PrdrSieveDiagnostic *) g_ptr_array_index (diags, i))->text);
      return g_string_free (out, FALSE);
    }
  m = prdr_sieve_message_new_from_bytes (message, strlen (message), &error);
  g_assert_no_error (error);
  r = prdr_sieve_script_run (s, m, env, ctx, &error);
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
