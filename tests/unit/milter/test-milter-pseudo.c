/*
 * test-milter-pseudo.c - the pure decisions of pseudo-delayed
 * (src/milter/pseudo-delayed.c): the table key, stored values and their
 * validation, the effective outcome of a retried recipient, and what
 * becomes of a recipient answered 452.
 */
#include "pseudo-delayed.h"

#include "milter/limits.h"

static PrdrReply reply_bob = { "550", "5.7.1", "bob does not want this" };

static void
test_key (void)
{
  g_autofree char *key = prdr_milter_pseudo_key (" <a1@example.com>\r\n ", "s@example.com",
                                                 "Bob@Example.org");
  g_assert_cmpstr (key, ==, "pd1 <a1@example.com> s@example.com bob@example.org");
  g_autofree char *null_sender = prdr_milter_pseudo_key ("<a1@x>", "", "bob@example.org");
  g_assert_cmpstr (null_sender, ==, "pd1 <a1@x> <> bob@example.org");

  g_assert_null (prdr_milter_pseudo_key (NULL, "s@x", "bob@example.org"));
  g_assert_null (prdr_milter_pseudo_key (" \r\n ", "s@x", "bob@example.org"));
  g_assert_null (prdr_milter_pseudo_key ("<\xff@x>", "s@x", "bob@example.org"));
  g_autofree char *long_id = g_strnfill (PRDR_MILTER_MESSAGE_ID_MAX + 1, 'a');
  g_assert_null (prdr_milter_pseudo_key (long_id, "s@x", "bob@example.org"));
}

/* Postfix adds a Message-ID holding the queue id to a message that has
 * none; a retry would get another: such an id is not used. */
static void
test_id_made_here (void)
{
  g_assert_true (prdr_milter_pseudo_id_made_here ("<20261122005458.8F056A7AEB1@mx.example>",
                                                  "8F056A7AEB1"));
  g_assert_false (prdr_milter_pseudo_id_made_here ("<a1@example.com>", "8F056A7AEB1"));
  g_assert_false (prdr_milter_pseudo_id_made_here ("<a1@example.com>", "NOQUEUE"));
  g_assert_false (prdr_milter_pseudo_id_made_here ("<a1@example.com>", ""));
  g_assert_false (prdr_milter_pseudo_id_made_here (NULL, "8F056A7AEB1"));
}

static PrdrMilterStored
decode_one (const char *value)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new ();
  g_ptr_array_add (values, (gpointer) value);
  return prdr_milter_pseudo_stored_decode (values);
}

static void
test_stored_round_trip (void)
{
  g_autofree char *delivered = prdr_milter_pseudo_stored_encode (PRDR_MILTER_STORED_DELIVERED,
                                                                 NULL);
  PrdrMilterStored d = decode_one (delivered);
  g_assert_cmpint (d.kind, ==, PRDR_MILTER_STORED_DELIVERED);

  g_autofree char *rejected = prdr_milter_pseudo_stored_encode (PRDR_MILTER_STORED_REJECTED,
                                                                &reply_bob);
  PrdrMilterStored r = decode_one (rejected);
  g_assert_cmpint (r.kind, ==, PRDR_MILTER_STORED_REJECTED);
  g_assert_cmpstr (r.reply->code, ==, "550");
  g_assert_cmpstr (r.reply->enhanced_code, ==, "5.7.1");
  g_assert_cmpstr (r.reply->text, ==, "bob does not want this");
  prdr_milter_pseudo_stored_clear (&r);
  g_assert_null (r.reply);
}

/* Values a shared database might hold that we must not trust. */
static void
test_stored_hostile (void)
{
  const char *bad[] = { "", "deliver", "rejected 450 4.2.0 a tempfail is never stored",
                        "rejected 550 5.7.1 line\r\nbreak", "rejected" };
  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      PrdrMilterStored s = decode_one (bad[i]);
      g_assert_cmpint (s.kind, ==, PRDR_MILTER_STORED_NONE);
      g_assert_null (s.reply);
    }
  PrdrMilterStored none = prdr_milter_pseudo_stored_decode (NULL);
  g_assert_cmpint (none.kind, ==, PRDR_MILTER_STORED_NONE);
}

static void
test_effective (void)
{
  PrdrOutcome accept = { PRDR_VERDICT_ACCEPT, NULL, "exec", NULL };
  PrdrMilterStored none = { PRDR_MILTER_STORED_NONE, NULL };
  PrdrMilterStored delivered = { PRDR_MILTER_STORED_DELIVERED, NULL };
  PrdrMilterStored rejected = { PRDR_MILTER_STORED_REJECTED, &reply_bob };

  g_assert_cmpint (prdr_milter_pseudo_effective (&accept, &none).verdict, ==,
                   PRDR_VERDICT_ACCEPT);
  /* delivered earlier: accepted, no second copy */
  g_assert_cmpint (prdr_milter_pseudo_effective (&accept, &delivered).verdict, ==,
                   PRDR_VERDICT_DISCARD);
  /* rejected earlier: the stored reply wins over today's verdict */
  PrdrOutcome o = prdr_milter_pseudo_effective (&accept, &rejected);
  g_assert_cmpint (o.verdict, ==, PRDR_VERDICT_REJECT);
  g_assert_true (o.reply == &reply_bob);
  g_assert_null (o.deliver_to);
}

typedef struct {
  PrdrVerdictKind verdict;
  gboolean junk;
  PrdrMilterStoredKind stored;
  gboolean delivering;
  PrdrMilterDeferredAction action;
} DeferredCase;

static void
test_deferred_action (void)
{
  static const DeferredCase cases[] = {
    { PRDR_VERDICT_ACCEPT, FALSE, PRDR_MILTER_STORED_NONE, TRUE, PRDR_MILTER_DEFERRED_DELIVER },
    { PRDR_VERDICT_CONTINUE, FALSE, PRDR_MILTER_STORED_NONE, TRUE,
      PRDR_MILTER_DEFERRED_DELIVER },
    /* the transaction is rejected or tempfailed: no copy, nothing stored */
    { PRDR_VERDICT_ACCEPT, FALSE, PRDR_MILTER_STORED_NONE, FALSE,
      PRDR_MILTER_DEFERRED_NOTHING },
    /* a rejection involves no copy: stored either way */
    { PRDR_VERDICT_REJECT, FALSE, PRDR_MILTER_STORED_NONE, TRUE, PRDR_MILTER_DEFERRED_REJECT },
    { PRDR_VERDICT_REJECT, FALSE, PRDR_MILTER_STORED_NONE, FALSE, PRDR_MILTER_DEFERRED_REJECT },
    { PRDR_VERDICT_REJECT, TRUE, PRDR_MILTER_STORED_NONE, TRUE, PRDR_MILTER_DEFERRED_JUNK },
    { PRDR_VERDICT_REJECT, TRUE, PRDR_MILTER_STORED_NONE, FALSE, PRDR_MILTER_DEFERRED_NOTHING },
    { PRDR_VERDICT_DISCARD, FALSE, PRDR_MILTER_STORED_NONE, TRUE, PRDR_MILTER_DEFERRED_DROP },
    { PRDR_VERDICT_TEMPFAIL, FALSE, PRDR_MILTER_STORED_NONE, TRUE,
      PRDR_MILTER_DEFERRED_NOTHING },
    /* decided before: the retry applies it */
    { PRDR_VERDICT_ACCEPT, FALSE, PRDR_MILTER_STORED_DELIVERED, TRUE,
      PRDR_MILTER_DEFERRED_NOTHING },
    { PRDR_VERDICT_ACCEPT, FALSE, PRDR_MILTER_STORED_REJECTED, TRUE,
      PRDR_MILTER_DEFERRED_NOTHING },
  };
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const DeferredCase *c = &cases[i];
      PrdrOutcome fresh = { c->verdict, c->verdict == PRDR_VERDICT_REJECT ? &reply_bob : NULL,
                            "exec", c->junk ? "bob+Junk@example.org" : NULL };
      g_test_message ("case %" G_GSIZE_FORMAT, i);
      g_assert_cmpint (prdr_milter_pseudo_deferred_action (&fresh, c->stored, c->delivering),
                       ==, c->action);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/milter/pseudo/key", test_key);
  g_test_add_func ("/milter/pseudo/id-made-here", test_id_made_here);
  g_test_add_func ("/milter/pseudo/stored-round-trip", test_stored_round_trip);
  g_test_add_func ("/milter/pseudo/stored-hostile", test_stored_hostile);
  g_test_add_func ("/milter/pseudo/effective", test_effective);
  g_test_add_func ("/milter/pseudo/deferred-action", test_deferred_action);
  return g_test_run ();
}
