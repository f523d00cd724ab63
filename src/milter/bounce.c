/*
 * bounce.c - the bounce modes as pure functions: the answer to RCPT TO and
 * the one answer after DATA, from the engine's per-recipient outcomes.
 *
 * delayed (DESIGN.md): at RCPT a recipient whose class keys differ from the
 * first recipient's gets 452 4.5.3, so after DATA all recipients agree and
 * one answer is exact.  Should they disagree nonetheless (a module whose
 * class key promised more than its verdicts kept), the whole transaction is
 * tempfailed: nobody gets a copy and nobody is told a wrong reason.  A mix of
 * accept and discard is exact (the discarded ones are dropped); tempfails
 * with different texts are one tempfail (the client retries all alike).
 *
 * no-ndr: everyone is accepted at RCPT.  After DATA, in this order:
 *   1. any recipient tempfails      -> tempfail all (first tempfail's reply):
 *      dropping it would lose its copy silently, and accepting the others
 *      now would deliver them twice on the retry;
 *   2. every recipient rejects (and none asks for a copy elsewhere)
 *                                   -> reject (first reject's reply);
 *   3. otherwise accept: rejecting and discarding recipients are dropped
 *      (smfi_delrcpt) -- a reject that asks to deliver elsewhere
 *      (prdr_cell_deliver_and_reject) is redirected there; when then nobody
 *      is left to deliver to, the message is discarded instead.
 * ndr: as no-ndr after DATA (the front end then sends one DSN for the
 * dropped rejecting recipients, bounce-ndr.c).
 *
 * pseudo-delayed: at RCPT as delayed.  After DATA (pseudo-eom.c, with the
 * outcomes stored for retried recipients applied): any tempfail -> tempfail
 * all; all reject, deliver-and-reject ones included -> reject (their
 * copies go out through sendmail, the class's reply tells the sender);
 * otherwise accept as ndr does (the rejecting ones get a DSN).  A message
 * without Message-ID gets delayed's answer.
 *
 * When every recipient rejects with different replies, the answer is one
 * multi-line reply (prdr_milter_bounce_lines), so that each is told its own.
 * RCPT-stage rejects and tempfails are answered at RCPT in every mode.
 */
#include "bounce.h"

#include "limits.h"

#include <string.h>

G_DEFINE_QUARK (prdr-milter-error-quark, prdr_milter_error)

gboolean
prdr_milter_bounce_mode_parse (const char *name, PrdrMilterBounceMode *mode,
                               GError **error)
{
  if (g_strcmp0 (name, "delayed") == 0)
    *mode = PRDR_MILTER_BOUNCE_DELAYED;
  else if (g_strcmp0 (name, "no-ndr") == 0)
    *mode = PRDR_MILTER_BOUNCE_NO_NDR;
  else if (g_strcmp0 (name, "ndr") == 0)
    *mode = PRDR_MILTER_BOUNCE_NDR;
  else if (g_strcmp0 (name, "pseudo-delayed") == 0)
    *mode = PRDR_MILTER_BOUNCE_PSEUDO_DELAYED;
  else
    {
      g_set_error (error, PRDR_MILTER_ERROR, PRDR_MILTER_ERROR_CONFIG,
                   "unknown bounce mode \"%s\" (expected delayed, no-ndr, "
                   "pseudo-delayed or ndr)", name ? name : "");
      return FALSE;
    }
  return TRUE;
}

const char *
prdr_milter_bounce_mode_name (PrdrMilterBounceMode mode)
{
  static const char *const names[] = {
    [PRDR_MILTER_BOUNCE_DELAYED] = "delayed",
    [PRDR_MILTER_BOUNCE_NO_NDR] = "no-ndr",
    [PRDR_MILTER_BOUNCE_NDR] = "ndr",
    [PRDR_MILTER_BOUNCE_PSEUDO_DELAYED] = "pseudo-delayed",
  };
  return names[mode];
}

PrdrMilterRcptAnswer
prdr_milter_bounce_rcpt (PrdrMilterBounceMode mode, const PrdrOutcome *outcome,
                         gboolean same_class)
{
  if (outcome->verdict == PRDR_VERDICT_REJECT)
    return PRDR_MILTER_RCPT_REJECT;
  if (outcome->verdict == PRDR_VERDICT_TEMPFAIL)
    return PRDR_MILTER_RCPT_TEMPFAIL;
  if ((mode == PRDR_MILTER_BOUNCE_DELAYED || mode == PRDR_MILTER_BOUNCE_PSEUDO_DELAYED)
      && !same_class)
    return PRDR_MILTER_RCPT_DEFER;
  return PRDR_MILTER_RCPT_CONTINUE;
}

/* prdr_milter_bounce_verdict - CONTINUE after every module means accepted. */
static PrdrVerdictKind
prdr_milter_bounce_verdict (const PrdrOutcome *outcome)
{
  return outcome->verdict == PRDR_VERDICT_CONTINUE ? PRDR_VERDICT_ACCEPT
                                                   : outcome->verdict;
}

/* prdr_milter_bounce_reply_equal - same code, enhanced code and text. */
static gboolean
prdr_milter_bounce_reply_equal (const PrdrReply *a, const PrdrReply *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strcmp0 (a->code, b->code) == 0
         && g_strcmp0 (a->enhanced_code, b->enhanced_code) == 0
         && g_strcmp0 (a->text, b->text) == 0;
}

/* prdr_milter_bounce_first - the first outcome with verdict @kind, or NULL. */
static const PrdrOutcome *
prdr_milter_bounce_first (const PrdrOutcome *outcomes, guint count, PrdrVerdictKind kind)
{
  for (guint i = 0; i < count; i++)
    if (prdr_milter_bounce_verdict (&outcomes[i]) == kind)
      return &outcomes[i];
  return NULL;
}

/* prdr_milter_bounce_answer - an answer of @verdict with @from's reply. */
static PrdrMilterEomAnswer
prdr_milter_bounce_answer (PrdrVerdictKind verdict, const PrdrOutcome *from)
{
  PrdrMilterEomAnswer answer = { verdict, from ? from->reply : NULL, FALSE };
  return answer;
}

/* prdr_milter_bounce_keep_or_drop - fates for a transaction of accepts and
 * discards; the answer is DISCARD when nobody keeps a copy. */
static PrdrMilterEomAnswer
prdr_milter_bounce_keep_or_drop (const PrdrOutcome *outcomes, guint count,
                                 PrdrMilterFate *fates)
{
  gboolean anyone = count == 0;

  for (guint i = 0; i < count; i++)
    {
      PrdrVerdictKind verdict = prdr_milter_bounce_verdict (&outcomes[i]);

      if (verdict == PRDR_VERDICT_ACCEPT)
        fates[i] = PRDR_MILTER_FATE_KEEP;
      else if (verdict == PRDR_VERDICT_REJECT && outcomes[i].deliver_to != NULL)
        fates[i] = PRDR_MILTER_FATE_REDIRECT;
      else
        fates[i] = PRDR_MILTER_FATE_DROP;
      anyone = anyone || fates[i] != PRDR_MILTER_FATE_DROP;
    }
  return prdr_milter_bounce_answer (anyone ? PRDR_VERDICT_ACCEPT : PRDR_VERDICT_DISCARD,
                                    NULL);
}

static PrdrMilterEomAnswer
prdr_milter_bounce_eom_delayed (const PrdrOutcome *outcomes, guint count,
                                PrdrMilterFate *fates)
{
  const PrdrOutcome *failed = prdr_milter_bounce_first (outcomes, count, PRDR_VERDICT_REJECT);

  if (failed == NULL)
    failed = prdr_milter_bounce_first (outcomes, count, PRDR_VERDICT_TEMPFAIL);
  if (failed == NULL)
    return prdr_milter_bounce_keep_or_drop (outcomes, count, fates);

  PrdrVerdictKind kind = failed->verdict;
  for (guint i = 0; i < count; i++)
    {
      if (prdr_milter_bounce_verdict (&outcomes[i]) != kind
          || (kind == PRDR_VERDICT_REJECT
              && !prdr_milter_bounce_reply_equal (outcomes[i].reply, failed->reply)))
        {
          PrdrMilterEomAnswer mixed = { PRDR_VERDICT_TEMPFAIL, NULL, TRUE };
          return mixed;
        }
    }
  return prdr_milter_bounce_answer (kind, failed);
}

static PrdrMilterEomAnswer
prdr_milter_bounce_eom_no_ndr (const PrdrOutcome *outcomes, guint count,
                               PrdrMilterFate *fates, gboolean junk_rejects)
{
  const PrdrOutcome *tempfail = prdr_milter_bounce_first (outcomes, count,
                                                          PRDR_VERDICT_TEMPFAIL);
  if (tempfail != NULL)
    return prdr_milter_bounce_answer (PRDR_VERDICT_TEMPFAIL, tempfail);

  gboolean all_reject = count > 0;
  for (guint i = 0; i < count && all_reject; i++)
    all_reject = outcomes[i].verdict == PRDR_VERDICT_REJECT
                 && (junk_rejects || outcomes[i].deliver_to == NULL);
  if (all_reject)
    return prdr_milter_bounce_answer (PRDR_VERDICT_REJECT, &outcomes[0]);

  return prdr_milter_bounce_keep_or_drop (outcomes, count, fates);
}

PrdrMilterEomAnswer
prdr_milter_bounce_eom (PrdrMilterBounceMode mode, const PrdrOutcome *outcomes,
                        guint count, PrdrMilterFate *fates)
{
  if (mode == PRDR_MILTER_BOUNCE_DELAYED)
    return prdr_milter_bounce_eom_delayed (outcomes, count, fates);
  return prdr_milter_bounce_eom_no_ndr (outcomes, count, fates,
                                        mode == PRDR_MILTER_BOUNCE_PSEUDO_DELAYED);
}

/* prdr_milter_bounce_line - "ADDRESS: TEXT", with the reply's own codes
 * when they differ from @first's. */
static char *
prdr_milter_bounce_line (const char *address, const PrdrReply *reply, const PrdrReply *first)
{
  if (g_strcmp0 (reply->code, first->code) == 0
      && g_strcmp0 (reply->enhanced_code, first->enhanced_code) == 0)
    return g_strdup_printf ("%s: %s", address, reply->text ? reply->text : "");
  return g_strdup_printf ("%s: %s %s %s", address, reply->code,
                          reply->enhanced_code ? reply->enhanced_code : "",
                          reply->text ? reply->text : "");
}

GPtrArray *
prdr_milter_bounce_lines (const PrdrOutcome *outcomes, const char *const *addresses,
                          guint count)
{
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) seen = g_ptr_array_new ();
  guint left_out = 0, last_left_out = 0;

  for (guint i = 0; i < count; i++)
    {
      const PrdrReply *reply = outcomes[i].reply;
      gboolean known = reply == NULL;
      for (guint j = 0; j < seen->len && !known; j++)
        known = prdr_milter_bounce_reply_equal (reply, seen->pdata[j]);
      if (known)
        continue;
      g_ptr_array_add (seen, (gpointer) reply);
      if (lines->len + 1 < PRDR_MILTER_REPLY_LINES_MAX)
        g_ptr_array_add (lines, prdr_milter_bounce_line (addresses[i], reply, seen->pdata[0]));
      else
        {
          left_out++;
          last_left_out = i;
        }
    }
  if (seen->len <= 1)
    return NULL;
  if (left_out == 1)
    g_ptr_array_add (lines, prdr_milter_bounce_line (addresses[last_left_out],
                                                     outcomes[last_left_out].reply,
                                                     seen->pdata[0]));
  else if (left_out > 1)
    g_ptr_array_add (lines, g_strdup_printf ("and %u other recipients with replies of "
                                             "their own", left_out));
  return g_steal_pointer (&lines);
}
