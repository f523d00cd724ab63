/*
 * test-matrix.c - the recipients x modules matrix through the public API:
 * class-key sharing, final verdicts stopping later modules, RCPT decisions
 * and same_class, deferred recipients, actions, and the decision log line.
 *
 * The modules are defined here with the module API of prdr/module.h and
 * registered as built-ins; each counts its evaluations in a static record
 * that a test resets before it runs.
 */
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "engine.h"
#include "log.h"
#include "registry.h"

/* What the test modules saw: evaluations and the recipients of each. */
static struct {
  guint domain_runs;        /* evaluations of "bydomain" */
  guint later_runs;         /* evaluations of "later" */
  GPtrArray *later_seen;    /* addresses "later" evaluated */
  guint rcpt_runs;          /* evaluations of "rcptcheck" */
} seen;

static void
seen_reset (void)
{
  g_clear_pointer (&seen.later_seen, g_ptr_array_unref);
  memset (&seen, 0, sizeof seen);
  seen.later_seen = g_ptr_array_new_with_free_func (g_free);
}

/* ---- module "bydomain": one class per recipient domain, at EOM ----------
 * Rejects "reject.example", tempfails "busy.example", delivers
 * "junk.example" to +Junk and still rejects, else continues. */

static const PrdrConfigKey bydomain_keys[] = {
  { "reply", PRDR_CONFIG_REPLY, 0, 0, "550 5.7.1 domain refused", "the reject reply" },
  { .key = NULL }
};

static gpointer
bydomain_new (const PrdrConfigSection *section, GError **error)
{
  (void) error;
  return (gpointer) section;
}

static char *
bydomain_class_key (gpointer instance, PrdrTransaction *txn, const PrdrRecipient *rcpt,
                    PrdrStage stage)
{
  (void) instance; (void) txn; (void) stage;
  return g_strdup (prdr_recipient_domain (rcpt));
}

static void
bydomain_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  const char *key = prdr_cell_class_key (cell);

  (void) txn;
  seen.domain_runs++;
  for (guint i = 0; i < prdr_cell_recipient_count (cell); i++)
    g_assert_cmpstr (prdr_recipient_domain (prdr_cell_recipient (cell, i)), ==, key);
  if (g_str_equal (key, "reject.example"))
    prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                           prdr_config_section_get_reply (instance, "reply"));
  else if (g_str_equal (key, "busy.example"))
    prdr_cell_set_verdict (cell, PRDR_VERDICT_TEMPFAIL, NULL);
  else if (g_str_equal (key, "junk.example"))
    prdr_cell_deliver_and_reject (cell, NULL,
                                  prdr_reply_parse ("5.7.1 looks like spam", "550", NULL,
                                                    NULL));
}

static const PrdrModule bydomain_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "bydomain",
  .description = "a class per domain",
  .stages = PRDR_STAGE_EOM,
  .config_keys = bydomain_keys,
  .instance_new = bydomain_new,
  .class_key = bydomain_class_key,
  .evaluate = bydomain_evaluate,
};

/* ---- module "later": no class key, accepts, records whom it saw -------- */

static void
later_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  (void) instance;
  seen.later_runs++;
  for (guint i = 0; i < prdr_cell_recipient_count (cell); i++)
    g_ptr_array_add (seen.later_seen,
                     g_strdup (prdr_recipient_address (prdr_cell_recipient (cell, i))));
  prdr_cell_add_header (cell, "X-Later", "seen");
  prdr_cell_add_header (cell, "X-Bad", "two\r\nX-Injected: yes");
  prdr_cell_add_header (cell, "Bad Name", "value");
  prdr_cell_add_recipient (cell, "archive@example.net");
  prdr_cell_add_recipient (cell, "archive@example.net");
  prdr_cell_add_recipient (cell, "evil@example.net\r\nRCPT TO:<x@y>");
  (void) txn;
  prdr_cell_set_verdict (cell, PRDR_VERDICT_ACCEPT, NULL);
}

static const PrdrModule later_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "later",
  .stages = PRDR_STAGE_EOM,
  .evaluate = later_evaluate,
};

/* ---- module "rcptcheck": refuses "nobody" at RCPT, accepts "vip" ------- */

static void
rcptcheck_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  const PrdrRecipient *rcpt = prdr_cell_recipient (cell, 0);

  (void) instance; (void) txn;
  seen.rcpt_runs++;
  g_assert_cmpuint (prdr_cell_recipient_count (cell), ==, 1);
  g_assert_cmpint (prdr_cell_stage (cell), ==, PRDR_STAGE_RCPT);
  if (g_str_equal (prdr_recipient_user (rcpt), "nobody"))
    prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                           prdr_reply_parse ("550 5.1.1 no such user", NULL, NULL, NULL));
  else if (g_str_equal (prdr_recipient_user (rcpt), "vip"))
    prdr_cell_set_verdict (cell, PRDR_VERDICT_ACCEPT, NULL);
}

static const PrdrModule rcptcheck_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "rcptcheck",
  .stages = PRDR_STAGE_RCPT,
  .evaluate = rcptcheck_evaluate,
};

/* ---- module "tagger": a per-recipient fact at RCPT, for "nobody" only -- */

static void
tagger_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  const PrdrRecipient *rcpt = prdr_cell_recipient (cell, 0);

  (void) instance;
  if (g_str_equal (prdr_recipient_user (rcpt), "nobody"))
    prdr_transaction_fact_set (txn, rcpt, "tagger.seen", prdr_recipient_address (rcpt));
}

static const PrdrModule tagger_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "tagger",
  .stages = PRDR_STAGE_RCPT,
  .evaluate = tagger_evaluate,
};

/* ---- module "gate": refuses a client at CONNECT and a sender at MAIL --- */

static void
gate_evaluate (gpointer instance, PrdrTransaction *txn, PrdrCell *cell)
{
  (void) instance;
  g_assert_cmpuint (prdr_cell_recipient_count (cell), ==, 0);
  if (prdr_cell_stage (cell) == PRDR_STAGE_CONNECT
      && g_str_equal (prdr_transaction_client_address (txn), "192.0.2.66"))
    prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                           prdr_reply_parse ("554 5.7.1 go away", NULL, NULL, NULL));
  if (prdr_cell_stage (cell) == PRDR_STAGE_MAIL
      && g_str_equal (prdr_transaction_sender (txn), "spammer@example.com"))
    /* a reject with a 4xx reply becomes a tempfail */
    prdr_cell_set_verdict (cell, PRDR_VERDICT_REJECT,
                           prdr_reply_parse ("451 4.7.1 later", NULL, NULL, NULL));
}

static const PrdrModule gate_module = {
  .api_version = PRDR_MODULE_API_VERSION,
  .name = "gate",
  .stages = PRDR_STAGE_CONNECT | PRDR_STAGE_MAIL,
  .evaluate = gate_evaluate,
};

/* ---- fixture ----------------------------------------------------------- */

typedef struct {
  char *dir;                /* spool dir and log file */
  PrdrConfig *config;
  PrdrEngine *engine;
  PrdrConnection *conn;
  PrdrTransaction *txn;
} Fixture;

static void
fixture_set_up (Fixture *f, const char *modules)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;

  seen_reset ();
  f->dir = g_dir_make_tmp ("prdr-matrix-XXXXXX", &error);
  g_assert_no_error (error);
  text = g_strdup_printf ("[general]\nmodules = %s\nspooldir = %s\n", modules, f->dir);
  f->config = prdr_config_load_data ("test.conf", text, &error);
  g_assert_no_error (error);
  f->engine = prdr_engine_new (f->config, &error);
  g_assert_no_error (error);
  g_assert_true (prdr_config_check_unbound (f->config, &error));
  f->conn = prdr_connection_new (f->engine, "192.0.2.1", "client.example");
  prdr_connection_set_macro (f->conn, "i", "4QUEUEID");
  f->txn = prdr_transaction_new (f->conn, "<sender@example.com>", NULL);
}

static void
fixture_tear_down (Fixture *f)
{
  prdr_transaction_free (f->txn);
  prdr_connection_free (f->conn);
  prdr_engine_free (f->engine);
  prdr_config_free (f->config);
  g_rmdir (f->dir);
  g_free (f->dir);
}

/* add - a recipient that must be added; returns same_class. */
static gboolean
add (Fixture *f, const char *address)
{
  gboolean same_class = FALSE;
  PrdrOutcome outcome = prdr_transaction_add_recipient (f->txn, address, NULL, &same_class);

  g_assert_cmpint (outcome.verdict, !=, PRDR_VERDICT_REJECT);
  g_assert_cmpint (outcome.verdict, !=, PRDR_VERDICT_TEMPFAIL);
  return same_class;
}

/* outcome_of - the outcome of the matrix row with @address. */
static PrdrOutcome
outcome_of (Fixture *f, const char *address)
{
  for (guint i = 0; i < prdr_transaction_recipient_count (f->txn); i++)
    {
      const PrdrRecipient *rcpt = prdr_transaction_recipient (f->txn, i);
      if (g_str_equal (prdr_recipient_address (rcpt), address))
        return prdr_transaction_outcome (f->txn, rcpt);
    }
  g_assert_not_reached ();
}

/* ---- tests ------------------------------------------------------------- */

static void
test_one_key_one_run (void)
{
  Fixture f = { 0 };
  static const guint sizes[] = { 1, 2, 5, 40 };

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      fixture_set_up (&f, "bydomain");
      for (guint i = 0; i < sizes[s]; i++)
        {
          g_autofree char *address = g_strdup_printf ("user%u@Example.ORG", i);
          g_assert_true (add (&f, address));
        }
      prdr_transaction_evaluate_eom (f.txn, FALSE);
      g_assert_cmpuint (seen.domain_runs, ==, 1);
      fixture_tear_down (&f);
    }
}

static void
test_two_keys_two_runs (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, "bydomain");
  g_assert_true (add (&f, "a@one.example"));
  g_assert_true (add (&f, "b@ONE.example"));
  g_assert_false (add (&f, "c@two.example"));
  g_assert_true (add (&f, "d@one.example"));
  g_assert_false (add (&f, "e@two.example"));
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  g_assert_cmpuint (seen.domain_runs, ==, 2);
  fixture_tear_down (&f);
}

static void
test_stop_after_reject (void)
{
  Fixture f = { 0 };
  PrdrOutcome rejected, busy, accepted;

  fixture_set_up (&f, "bydomain, later");
  add (&f, "a@reject.example");
  add (&f, "b@ok.example");
  add (&f, "c@busy.example");
  add (&f, "d@reject.example");
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  g_assert_cmpuint (seen.domain_runs, ==, 3);
  /* "later" ran once, for b only */
  g_assert_cmpuint (seen.later_runs, ==, 1);
  g_assert_cmpuint (seen.later_seen->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (seen.later_seen, 0), ==, "b@ok.example");
  rejected = outcome_of (&f, "d@reject.example");
  g_assert_cmpint (rejected.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (rejected.module, ==, "bydomain");
  g_assert_cmpstr (rejected.reply->code, ==, "550");
  g_assert_cmpstr (rejected.reply->text, ==, "domain refused");
  busy = outcome_of (&f, "c@busy.example");
  g_assert_cmpint (busy.verdict, ==, PRDR_VERDICT_TEMPFAIL);
  g_assert_cmpstr (busy.reply->code, ==, "451");
  accepted = outcome_of (&f, "b@ok.example");
  g_assert_cmpint (accepted.verdict, ==, PRDR_VERDICT_ACCEPT);
  g_assert_cmpstr (accepted.module, ==, "later");
  g_assert_null (accepted.reply);
  fixture_tear_down (&f);
}

static void
test_rcpt_stage (void)
{
  Fixture f = { 0 };
  gboolean same_class = TRUE;
  PrdrOutcome outcome;

  fixture_set_up (&f, "rcptcheck, bydomain, later");
  outcome = prdr_transaction_add_recipient (f.txn, "<Nobody@example.org>", NULL, &same_class);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (outcome.reply->code, ==, "550");
  g_assert_cmpstr (outcome.reply->enhanced_code, ==, "5.1.1");
  g_assert_cmpstr (outcome.module, ==, "rcptcheck");
  g_assert_false (same_class);
  g_assert_cmpuint (prdr_transaction_recipient_count (f.txn), ==, 0);
  /* accepted at RCPT: decided, no EOM module sees it */
  g_assert_true (add (&f, "vip@reject.example"));
  g_assert_false (add (&f, "x@ok.example"));
  g_assert_cmpuint (seen.rcpt_runs, ==, 3);
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  g_assert_cmpint (outcome_of (&f, "vip@reject.example").verdict, ==, PRDR_VERDICT_ACCEPT);
  g_assert_cmpstr (outcome_of (&f, "vip@reject.example").module, ==, "rcptcheck");
  g_assert_cmpuint (seen.domain_runs, ==, 1);
  g_assert_cmpuint (seen.later_seen->len, ==, 1);
  fixture_tear_down (&f);
}

static void
test_same_class_and_deferred (void)
{
  Fixture f = { 0 };
  const PrdrRecipient *deferred;

  fixture_set_up (&f, "bydomain, later");
  g_assert_true (add (&f, "alice@ok.example"));
  g_assert_false (add (&f, "bob@reject.example"));
  prdr_transaction_defer_recipient (f.txn);
  g_assert_true (add (&f, "carol@ok.example"));
  g_assert_cmpuint (prdr_transaction_recipient_count (f.txn), ==, 2);
  g_assert_cmpuint (prdr_transaction_deferred_count (f.txn), ==, 1);
  deferred = prdr_transaction_deferred (f.txn, 0);
  g_assert_cmpstr (prdr_recipient_address (deferred), ==, "bob@reject.example");
  prdr_transaction_evaluate_eom (f.txn, TRUE);
  /* the deferred recipient has its own rows: rejected without touching the others */
  g_assert_cmpuint (seen.domain_runs, ==, 2);
  g_assert_cmpint (prdr_transaction_outcome (f.txn, deferred).verdict, ==,
                   PRDR_VERDICT_REJECT);
  g_assert_cmpint (outcome_of (&f, "alice@ok.example").verdict, ==, PRDR_VERDICT_ACCEPT);
  g_assert_cmpint (outcome_of (&f, "carol@ok.example").verdict, ==, PRDR_VERDICT_ACCEPT);
  g_assert_cmpuint (seen.later_seen->len, ==, 2);
  fixture_tear_down (&f);
}

static void
test_deferred_left_out (void)
{
  Fixture f = { 0 };

  fixture_set_up (&f, "bydomain");
  add (&f, "alice@ok.example");
  add (&f, "bob@reject.example");
  prdr_transaction_defer_recipient (f.txn);
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  g_assert_cmpuint (seen.domain_runs, ==, 1);
  g_assert_cmpint (prdr_transaction_outcome (f.txn, prdr_transaction_deferred (f.txn, 0)).verdict,
                   ==, PRDR_VERDICT_CONTINUE);
  fixture_tear_down (&f);
}

static void
test_actions (void)
{
  Fixture f = { 0 };
  const char *name, *value;

  fixture_set_up (&f, "later");
  add (&f, "a@ok.example");
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  /* CR/LF in a value and a name with a space are refused; duplicates merged */
  g_assert_cmpuint (prdr_transaction_added_header_count (f.txn), ==, 1);
  prdr_transaction_added_header (f.txn, 0, &name, &value);
  g_assert_cmpstr (name, ==, "X-Later");
  g_assert_cmpstr (value, ==, "seen");
  g_assert_cmpuint (prdr_transaction_added_recipient_count (f.txn), ==, 1);
  g_assert_cmpstr (prdr_transaction_added_recipient (f.txn, 0), ==, "archive@example.net");
  fixture_tear_down (&f);
}

static void
test_deliver_and_reject (void)
{
  Fixture f = { 0 };
  PrdrOutcome outcome;

  fixture_set_up (&f, "bydomain");
  add (&f, "Bob@junk.example");
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  outcome = outcome_of (&f, "Bob@junk.example");
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (outcome.deliver_to, ==, "Bob@junk.example");
  g_assert_cmpstr (outcome.reply->text, ==, "looks like spam");
  fixture_tear_down (&f);
}

static void
test_envelope_stages (void)
{
  Fixture f = { 0 };
  PrdrConnection *refused;
  PrdrTransaction *txn;
  PrdrOutcome outcome;

  fixture_set_up (&f, "gate");
  outcome = prdr_connection_evaluate (f.conn, PRDR_STAGE_CONNECT);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_CONTINUE);
  refused = prdr_connection_new (f.engine, "192.0.2.66", "");
  outcome = prdr_connection_evaluate (refused, PRDR_STAGE_CONNECT);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (outcome.reply->code, ==, "554");
  g_assert_cmpstr (outcome.module, ==, "gate");
  prdr_connection_free (refused);
  txn = prdr_transaction_new (f.conn, "spammer@example.com", NULL);
  outcome = prdr_transaction_evaluate_mail (txn);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_TEMPFAIL);
  g_assert_cmpstr (outcome.reply->code, ==, "451");
  prdr_transaction_free (txn);
  outcome = prdr_transaction_evaluate_mail (f.txn);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_CONTINUE);
  fixture_tear_down (&f);
}

static void
test_envelope_parts (void)
{
  Fixture f = { 0 };
  static const char *const mail_params[] = { "SIZE=1000", "body=8BITMIME", "SMTPUTF8", NULL };
  static const char *const rcpt_params[] = { "NOTIFY=SUCCESS,FAILURE", "ORCPT=rfc822;x@y", NULL };
  PrdrTransaction *txn;
  const PrdrRecipient *rcpt;
  gboolean same_class;

  fixture_set_up (&f, "later");
  prdr_connection_set_helo (f.conn, "client.example");
  prdr_connection_set_macro (f.conn, "{auth_authen}", "alice");
  txn = prdr_transaction_new (f.conn, "<>", mail_params);
  g_assert_cmpstr (prdr_transaction_sender (txn), ==, "");
  g_assert_cmpstr (prdr_transaction_sender_param (txn, "size"), ==, "1000");
  g_assert_cmpstr (prdr_transaction_sender_param (txn, "BODY"), ==, "8BITMIME");
  g_assert_cmpstr (prdr_transaction_sender_param (txn, "SMTPUTF8"), ==, "");
  g_assert_null (prdr_transaction_sender_param (txn, "RET"));
  g_assert_cmpstr (prdr_transaction_queue_id (txn), ==, "4QUEUEID");
  g_assert_cmpstr (prdr_transaction_authenticated_user (txn), ==, "alice");
  g_assert_cmpstr (prdr_transaction_helo (txn), ==, "client.example");
  g_assert_cmpstr (prdr_transaction_client_address (txn), ==, "192.0.2.1");
  g_assert_cmpint (prdr_transaction_message_fd (txn), ==, -1);
  prdr_transaction_add_recipient (txn, "<Bob+Lists@Example.ORG>", rcpt_params, &same_class);
  prdr_transaction_add_recipient (txn, "postmaster", NULL, &same_class);
  rcpt = prdr_transaction_recipient (txn, 0);
  g_assert_cmpstr (prdr_recipient_address (rcpt), ==, "Bob+Lists@Example.ORG");
  g_assert_cmpstr (prdr_recipient_local_part (rcpt), ==, "Bob+Lists");
  g_assert_cmpstr (prdr_recipient_domain (rcpt), ==, "example.org");
  g_assert_cmpstr (prdr_recipient_user (rcpt), ==, "bob");
  g_assert_cmpstr (prdr_recipient_param (rcpt, "notify"), ==, "SUCCESS,FAILURE");
  g_assert_cmpuint (prdr_recipient_index (prdr_transaction_recipient (txn, 1)), ==, 1);
  g_assert_cmpstr (prdr_recipient_domain (prdr_transaction_recipient (txn, 1)), ==, "");
  g_assert_cmpstr (prdr_recipient_user (prdr_transaction_recipient (txn, 1)), ==, "postmaster");
  prdr_transaction_free (txn);
  fixture_tear_down (&f);
}

static void
test_bad_recipient (void)
{
  Fixture f = { 0 };
  g_autofree char *long_address = g_strnfill (2000, 'a');
  gboolean same_class;
  PrdrOutcome outcome;

  fixture_set_up (&f, "later");
  outcome = prdr_transaction_add_recipient (f.txn, long_address, NULL, &same_class);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpstr (outcome.reply->enhanced_code, ==, "5.1.3");
  outcome = prdr_transaction_add_recipient (f.txn, "a\r\nb@example.org", NULL, &same_class);
  g_assert_cmpint (outcome.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_cmpuint (prdr_transaction_recipient_count (f.txn), ==, 0);
  fixture_tear_down (&f);
}

static void
test_facts (void)
{
  Fixture f = { 0 };
  g_autofree char *too_long = g_strnfill (5000, 'x');
  const PrdrRecipient *a, *b;
  char *value;

  fixture_set_up (&f, "later");
  add (&f, "a@example.org");
  add (&f, "b@example.org");
  a = prdr_transaction_recipient (f.txn, 0);
  b = prdr_transaction_recipient (f.txn, 1);
  g_assert_null (prdr_transaction_fact_get (f.txn, a, "spam.score"));
  prdr_transaction_fact_set (f.txn, NULL, "spam.score", "1.5");
  prdr_transaction_fact_set (f.txn, a, "spam.score", "9");
  value = prdr_transaction_fact_get (f.txn, a, "spam.score");
  g_assert_cmpstr (value, ==, "9");
  g_free (value);
  /* b falls back to the message-wide fact */
  value = prdr_transaction_fact_get (f.txn, b, "spam.score");
  g_assert_cmpstr (value, ==, "1.5");
  g_free (value);
  value = prdr_transaction_fact_get (f.txn, NULL, "spam.score");
  g_assert_cmpstr (value, ==, "1.5");
  g_free (value);
  /* refused, not truncated */
  prdr_transaction_fact_set (f.txn, NULL, "virus.name", too_long);
  g_assert_null (prdr_transaction_fact_get (f.txn, b, "virus.name"));
  fixture_tear_down (&f);
}

static void
test_facts_of_refused_recipient (void)
{
  Fixture f = { 0 };
  gboolean same_class;

  fixture_set_up (&f, "tagger, rcptcheck");
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *refused = g_strdup_printf ("nobody+%u@example.org", i);
      g_autofree char *kept = g_strdup_printf ("user%u@example.org", i);
      const PrdrRecipient *rcpt;
      g_autofree char *fact = NULL;

      /* "nobody+i" is tagged, then refused by rcptcheck */
      g_assert_cmpint (prdr_transaction_add_recipient (f.txn, refused, NULL,
                                                       &same_class).verdict,
                       ==, PRDR_VERDICT_REJECT);
      add (&f, kept);
      rcpt = prdr_transaction_recipient (f.txn, i);
      g_assert_cmpstr (prdr_recipient_address (rcpt), ==, kept);
      /* the next recipient does not inherit the refused one's facts */
      fact = prdr_transaction_fact_get (f.txn, rcpt, "tagger.seen");
      g_assert_null (fact);
    }
  fixture_tear_down (&f);
}

/* count_lines_with - lines of @text containing @needle. */
static guint
count_lines_with (const char *text, const char *needle)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL)
      n++;
  return n;
}

static void
test_decision_log (void)
{
  Fixture f = { 0 };
  g_autofree char *log_path = NULL, *spec = NULL, *text = NULL;
  g_autoptr (GError) error = NULL;

  fixture_set_up (&f, "rcptcheck, bydomain");
  log_path = g_build_filename (f.dir, "log", NULL);
  spec = g_strconcat ("file:", log_path, NULL);
  g_assert_true (prdr_log_open (spec, FALSE, &error));
  add (&f, "a@ok.example");
  add (&f, "b@reject.example");
  add (&f, "c@reject.example");
  g_assert_cmpint (prdr_transaction_add_recipient (f.txn, "nobody@ok.example", NULL,
                                                   &(gboolean) { 0 }).verdict,
                   ==, PRDR_VERDICT_REJECT);
  prdr_transaction_evaluate_eom (f.txn, FALSE);
  prdr_log_close ();
  g_assert_true (g_file_get_contents (log_path, &text, NULL, &error));
  g_test_message ("%s", text);
  g_assert_cmpuint (count_lines_with (text, "rcpt="), ==, 4);
  g_assert_cmpuint (count_lines_with (text, "4QUEUEID: "), ==, 4);
  g_assert_cmpuint (count_lines_with (text, "rcpt=a@ok.example module=- stage=eom "
                                            "verdict=accept reply=\"\""), ==, 1);
  g_assert_cmpuint (count_lines_with (text, "rcpt=b@reject.example module=bydomain stage=eom "
                                            "verdict=reject reply=\"550 5.7.1 domain refused\""),
                    ==, 1);
  g_assert_cmpuint (count_lines_with (text, "rcpt=nobody@ok.example module=rcptcheck "
                                            "stage=rcpt verdict=reject "
                                            "reply=\"550 5.1.1 no such user\""), ==, 1);
  g_unlink (log_path);
  fixture_tear_down (&f);
}

/* Each row: [general] modules and [section] text, and the error it gives. */
static const struct {
  const char *text;
  const char *message;
} engine_errors[] = {
  { "[general]\nmodules = bydomain, nosuch\n", "test.conf:2: [general] modules: no built-in module \"nosuch\"" },
  { "[general]\nmodules = later, later\n", "test.conf:2: [general] modules: module \"later\" is listed twice" },
  { "[general]\nmodules = /nonexistent/mod_x.so\n", "test.conf:2: [general] modules: /nonexistent/mod_x.so:" },
  { "[general]\nmodules = bydomain\n[bydomain]\nreplay = 550 no\n", "test.conf:4: [bydomain] replay: unknown key" },
  { "[general]\nmodules = bydomain\n[bydomain]\nreply = 250 fine\n", "test.conf:4: [bydomain] reply: reply code \"250\"" },
};

static void
test_engine_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (engine_errors); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (PrdrConfig) config = prdr_config_load_data ("test.conf", engine_errors[i].text,
                                                             &error);

      g_assert_no_error (error);
      g_assert_null (prdr_engine_new (config, &error));
      g_test_message ("%s", error->message);
      g_assert_true (error->domain == PRDR_CONFIG_ERROR);
      g_assert_true (g_str_has_prefix (error->message, engine_errors[i].message));
    }
}

static void
test_registry (void)
{
  static const PrdrModule old_module = {
    .api_version = PRDR_MODULE_API_VERSION + 1, .name = "old", .evaluate = later_evaluate,
  };
  g_autoptr (GError) error = NULL;

  g_assert_true (prdr_module_registry_find ("later", &error) == &later_module);
  g_assert_null (prdr_module_registry_find ("Later", &error));
  g_assert_error (error, PRDR_ENGINE_ERROR, PRDR_ENGINE_ERROR_MODULE);
  g_assert_true (prdr_module_name_valid ("mod_simple-2"));
  g_assert_false (prdr_module_name_valid ("Simple"));
  g_assert_false (prdr_module_name_valid ("a.b"));
  g_assert_false (prdr_module_name_valid (""));
  /* a module for another API version is refused (with a critical) */
  if (g_test_subprocess ())
    {
      prdr_module_registry_add (&old_module);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*module API version*");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  prdr_module_registry_add (&bydomain_module);
  prdr_module_registry_add (&later_module);
  prdr_module_registry_add (&rcptcheck_module);
  prdr_module_registry_add (&gate_module);
  prdr_module_registry_add (&tagger_module);
  g_test_add_func ("/matrix/class-key/one-key-one-run", test_one_key_one_run);
  g_test_add_func ("/matrix/class-key/two-keys-two-runs", test_two_keys_two_runs);
  g_test_add_func ("/matrix/stop-after-reject", test_stop_after_reject);
  g_test_add_func ("/matrix/rcpt-stage", test_rcpt_stage);
  g_test_add_func ("/matrix/same-class-and-deferred", test_same_class_and_deferred);
  g_test_add_func ("/matrix/deferred-left-out", test_deferred_left_out);
  g_test_add_func ("/matrix/actions", test_actions);
  g_test_add_func ("/matrix/deliver-and-reject", test_deliver_and_reject);
  g_test_add_func ("/matrix/envelope-stages", test_envelope_stages);
  g_test_add_func ("/matrix/envelope-parts", test_envelope_parts);
  g_test_add_func ("/matrix/bad-recipient", test_bad_recipient);
  g_test_add_func ("/matrix/facts", test_facts);
  g_test_add_func ("/matrix/facts-of-refused-recipient", test_facts_of_refused_recipient);
  g_test_add_func ("/matrix/decision-log", test_decision_log);
  g_test_add_func ("/matrix/engine-errors", test_engine_errors);
  g_test_add_func ("/matrix/registry", test_registry);
  return g_test_run ();
}
