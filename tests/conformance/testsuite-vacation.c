/*
 * testsuite-vacation.c - what a delivery agent does with a vacation action
 * in the conformance suite, done by the production code of src/mail: the
 * decision (prdr_mail_autoreply_decide: RFC 5230 sections 4.5-4.6, RFC
 * 3834) and the reply (prdr_mail_autoreply_build_with_config).  The
 * Pigeonhole settings the tests set with test_config_set become the
 * caller's configuration: sieve_vacation_default_subject(_template),
 * sieve_vacation_max_subject_codepoints, sieve_vacation_to_header_ignore_
 * envelope, sieve_vacation_use_original_recipient, sieve_vacation_dont_
 * check_recipient, sieve_vacation_send_from_recipient and sieve_user_email.
 * Test code: the engine itself only reports the action.
 */
#include "testsuite.h"

#include "mail/autoreply.h"

/* The host name in the replies' Message-IDs. */
#define TS_VACATION_HOST "conformance.prdr.example"

static const char *
ts_vacation_setting (PrdrSieveRun *run, const char *name)
{
  return g_hash_table_lookup (ts_state (run)->config, name);
}

static gboolean
ts_vacation_flag (PrdrSieveRun *run, const char *name)
{
  const char *v = ts_vacation_setting (run, name);
  return v != NULL && (g_ascii_strcasecmp (v, "yes") == 0 || g_ascii_strcasecmp (v, "true") == 0);
}

/* ts_vacation_config - the reply settings */
static PrdrMailAutoreplyConfig
ts_vacation_config (PrdrSieveRun *run)
{
  const char *max = ts_vacation_setting (run, "sieve_vacation_max_subject_codepoints");
  PrdrMailAutoreplyConfig config = {
    .default_subject = ts_vacation_setting (run, "sieve_vacation_default_subject"),
    .subject_template = ts_vacation_setting (run, "sieve_vacation_default_subject_template"),
    .subject_max_chars = max != NULL ? (guint) MIN (g_ascii_strtoull (max, NULL, 10), G_MAXUINT)
                                     : 0,
    .to_ignore_envelope = ts_vacation_flag (run, "sieve_vacation_to_header_ignore_envelope"),
  };
  return config;
}

char *
ts_vacation_reply (PrdrSieveRun *run, const PrdrSieveAction *a, char **envelope_from)
{
  PrdrMailAutoreplyUser user = {
    .recipient = run->envelope.recipient,
    .orig_recipient = ts_vacation_flag (run, "sieve_vacation_use_original_recipient")
        ? run->envelope.orig_recipient : NULL,
    .user_email = ts_vacation_setting (run, "sieve_user_email"),
    .addresses = (const char *const *) a->addresses,
    .check_recipient = !ts_vacation_flag (run, "sieve_vacation_dont_check_recipient"),
  };
  PrdrMailAutoreplyFrom from = { NULL, NULL };
  if (!prdr_mail_autoreply_decide (a->target, run->msg->message, &user, &from, NULL))
    return NULL;
  PrdrMailAutoreply reply = {
    .hostname = TS_VACATION_HOST, .from = a->from != NULL ? a->from : from.header,
    .to = a->target, .subject = a->subject, .body = a->text != NULL ? a->text : "",
    .mime = a->mime,
  };
  PrdrMailAutoreplyConfig config = ts_vacation_config (run);
  g_autoptr (GError) error = NULL;
  GMimeMessage *message = prdr_mail_autoreply_build_with_config (&reply, &config,
                                                                 run->msg->message, &error);
  if (message == NULL) {
    g_ptr_array_add (ts_state (run)->errors, g_strdup (error->message));
    return NULL;
  }
  *envelope_from = g_strdup (ts_vacation_flag (run, "sieve_vacation_send_from_recipient")
                             ? from.envelope : "");
  char *raw = g_mime_object_to_string (GMIME_OBJECT (message), NULL);
  g_object_unref (message);
  return raw;
}
