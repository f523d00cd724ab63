/*
 * autoreply.h - building an automatic reply (Sieve vacation, RFC 5230
 * section 5; RFC 3834), and the RFC 5230 sections 4.5-4.6 / RFC 3834
 * section 2 rules for when not to send one.
 *
 * The engine only reports a vacation action; its caller decides with
 * prdr_mail_autoreply_decide whether to answer and from which address,
 * builds the reply with prdr_mail_autoreply_build, and sends it with
 * prdr_mail_submit (sender "", RFC 5230 section 5.1, unless the caller is
 * configured to send from the recipient).
 *
 * The reply: From (:from, else the user's address the original was sent
 * to), To (the envelope sender of the original, with the display name of
 * the original's Sender, Resent-From or From when that is the same
 * address), Subject (:subject, else "Auto: " and the original subject or
 * the caller's template, else the caller's default or "Automated reply";
 * at most PRDR_MAIL_SUBJECT_CHARS_DEFAULT characters, cut with an
 * ellipsis), Date, Message-ID, In-Reply-To and References (RFC 5230
 * section 5.8, RFC 5322 section 3.6.4), Auto-Submitted: auto-replied,
 * MIME-Version, and a text/plain UTF-8 body (or, for vacation :mime, the
 * MIME entity given).
 *
 * Peer input (the original's Subject, Message-ID, References and
 * addresses) never puts a CR or LF into a header: subjects and names are
 * cleaned to one line, message ids that are not plain msg-id tokens are
 * left out, and unusable addresses are refused.
 *
 * Limits: PRDR_MAIL_SUBJECT_CHARS_DEFAULT/_MAX, PRDR_MAIL_DISPLAY_NAME_MAX,
 * PRDR_MAIL_REFERENCES_MAX, PRDR_MAIL_AUTOREPLY_BODY_MAX,
 * PRDR_MAIL_AUTOREPLY_ADDRESSES_MAX, PRDR_MAIL_ADDRESS_MAX (limits.h).
 */
#ifndef PRDR_MAIL_AUTOREPLY_H
#define PRDR_MAIL_AUTOREPLY_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* PrdrMailAutoreplyConfig - the site's (or user's) settings for replies;
 * all zero (or a NULL pointer to it) means the RFC 5230 defaults.
 *
 * default_subject     the Subject when there is no :subject and the
 *                     original has none; NULL or "" for "Automated reply".
 * subject_template    the Subject when there is no :subject: "%{subject}"
 *                     (or "%$") stands for the original subject, "%%" for
 *                     "%"; NULL or "" for "Auto: %{subject}".
 * subject_max_chars   the longest Subject in characters, 0 for
 *                     PRDR_MAIL_SUBJECT_CHARS_DEFAULT; at most
 *                     PRDR_MAIL_SUBJECT_CHARS_MAX (larger values are cut).
 * to_ignore_envelope  address To to the original's first Sender,
 *                     Resent-From or From mailbox even when it is not the
 *                     envelope sender (which still receives the reply):
 *                     for senders rewritten by SRS or a list manager. */
typedef struct {
  const char *default_subject;
  const char *subject_template;
  guint subject_max_chars;
  gboolean to_ignore_envelope;
} PrdrMailAutoreplyConfig;

/* PrdrMailAutoreply - what the reply says (strings are not kept).
 *
 * hostname   our host name, for the Message-ID.
 * from       the From address (required), or with @from_name NULL a
 *            mailbox "Name <address>" (the vacation :from argument).
 * from_name  its display name, or NULL.
 * to         the address replied to: the original's envelope sender.
 * subject    the Subject (vacation :subject), or NULL (or "") for the
 *            default built from the original's Subject.
 * body       the text (UTF-8; line ends CRLF or LF), or with @mime a MIME
 *            entity (headers, blank line, body) whose headers must be 7-bit.
 * mime       TRUE for vacation :mime. */
typedef struct {
  const char *hostname;
  const char *from;
  const char *from_name;
  const char *to;
  const char *subject;
  const char *body;
  gboolean mime;
} PrdrMailAutoreply;

/* PrdrMailAutoreplyUser - who "me" is for a reply (RFC 5230 section 4.5).
 *
 * recipient          the final envelope recipient (required).
 * orig_recipient     the original envelope recipient (ORCPT), or NULL when
 *                    the caller does not count it as the user's address.
 * user_email         the address configured for the user, or NULL.
 * addresses          the script's :addresses (NULL-terminated), or NULL;
 *                    the first PRDR_MAIL_AUTOREPLY_ADDRESSES_MAX count.
 * check_recipient    FALSE to answer even mail that names none of these in
 *                    its recipient fields (RFC 5230 section 4.5 says MUST
 *                    NOT; for sites whose users receive through aliases). */
typedef struct {
  const char *recipient;
  const char *orig_recipient;
  const char *user_email;
  const char *const *addresses;
  gboolean check_recipient;
} PrdrMailAutoreplyUser;

/* PrdrMailAutoreplyFrom - what prdr_mail_autoreply_decide chose (pointers
 * into its PrdrMailAutoreplyUser).
 *
 * header    the reply's From address when the script gave no :from: the
 *           user's address found in the original's recipient fields.
 * envelope  the address to send from when the caller sends from the
 *           recipient instead of <>: never a :addresses entry, so a script
 *           cannot choose the envelope sender. */
typedef struct {
  const char *header;
  const char *envelope;
} PrdrMailAutoreplyFrom;

/* prdr_mail_autoreply_build - the reply to @original (may be NULL when the
 * message could not be parsed: no In-Reply-To then, subject
 * "Automated reply").  Fails with PRDR_MAIL_ERROR_INVALID for an unusable
 * address or host name, a body over PRDR_MAIL_AUTOREPLY_BODY_MAX, or a :mime
 * body that does not parse or has 8-bit headers. */
GMimeMessage *prdr_mail_autoreply_build (const PrdrMailAutoreply *reply,
                                         GMimeMessage *original, GError **error);

/* prdr_mail_autoreply_build_with_config - the same with the caller's
 * settings (@config may be NULL: the defaults, as
 * prdr_mail_autoreply_build). */
GMimeMessage *prdr_mail_autoreply_build_with_config (const PrdrMailAutoreply *reply,
                                                     const PrdrMailAutoreplyConfig *config,
                                                     GMimeMessage *original, GError **error);

/* prdr_mail_autoreply_wanted - FALSE (and *@reason, may be NULL, set to a
 * static phrase for the log) when no automatic reply may go to @sender for
 * @original: the null sender; a sender whose local part is MAILER-DAEMON,
 * LISTSERV, majordomo, owner-* or *-request (RFC 5230 section 4.6); a
 * message with Auto-Submitted other than "no" (RFC 3834 section 2), with a
 * List-Id, List-Help, List-Subscribe, List-Unsubscribe, List-Post,
 * List-Owner or List-Archive header (RFC 5230 section 4.6), or with
 * Precedence bulk, list or junk (RFC 3834 section 2).  @original may be
 * NULL (only the sender is checked). */
gboolean prdr_mail_autoreply_wanted (const char *sender, GMimeMessage *original,
                                     const char **reason);

/* prdr_mail_autoreply_addressed - the first of @user's addresses that a
 * To, Cc, Bcc, Resent-To, Resent-Cc or Resent-Bcc field of @original names
 * (RFC 5230 section 4.5; fields in that order, and in each the final
 * recipient, the original recipient, the :addresses, the configured
 * address), or NULL: the message reached the user implicitly (an alias, a
 * list, a Bcc).  Compared without regard to case. */
const char *prdr_mail_autoreply_addressed (GMimeMessage *original,
                                           const PrdrMailAutoreplyUser *user);

/* prdr_mail_autoreply_decide - whether the user may answer @sender about
 * @original: prdr_mail_autoreply_wanted, then not to one of the user's own
 * addresses (the recipient or a :addresses entry: no reply to oneself),
 * then prdr_mail_autoreply_addressed unless @user->check_recipient is
 * FALSE (@original may be NULL: then only such a user is answered).  When
 * TRUE, *@from says which addresses to send from; when FALSE, *@reason (may
 * be NULL) is a static phrase for the log. */
gboolean prdr_mail_autoreply_decide (const char *sender, GMimeMessage *original,
                                     const PrdrMailAutoreplyUser *user,
                                     PrdrMailAutoreplyFrom *from, const char **reason);

G_END_DECLS

#endif
