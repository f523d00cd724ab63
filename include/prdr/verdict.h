/*
 * prdr/verdict.h - what a module says about a recipient, and the SMTP reply
 * that carries it.
 *
 * A verdict is one of continue, accept, reject, tempfail or discard.  Reject
 * and tempfail carry a PrdrReply: a three-digit SMTP code (RFC 5321 section
 * 4.2), an enhanced status code (RFC 3463) and a single-line text.  The text
 * is validated before it reaches the MTA: no CR or LF, no NUL, at most
 * PRDR_REPLY_TEXT_MAX octets, and '%' is doubled when it is handed to
 * libmilter (smfi_setreply treats it as a format character).
 */
#ifndef PRDR_VERDICT_H
#define PRDR_VERDICT_H

#include <glib.h>

G_BEGIN_DECLS

/* The longest reply text we pass on.  RFC 5321 section 4.5.3.1.5 limits a
 * reply line to 512 octets including the code, but libmilter accepts longer
 * multi-line replies; 980 leaves room for code, enhanced code and CRLF inside
 * the 1000-octet line that Postfix and Sendmail accept. */
#define PRDR_REPLY_TEXT_MAX 980

/* PrdrVerdictKind - the outcome of one cell for its recipients.
 *
 * CONTINUE  the module has no objection and no final word: later modules run.
 * ACCEPT    final: the recipient is accepted and later modules are skipped for
 *           it (put modules that must always run earlier in [general] modules).
 * REJECT    final: permanent failure (5xx) with the module's reply.
 * TEMPFAIL  final: temporary failure (4xx) with the module's reply.
 * DISCARD   final: the client sees success but the recipient gets no copy (the
 *           recipient's own rule said so).
 *
 * The order is the severity order used when one answer must cover several
 * recipients. */
typedef enum {
  PRDR_VERDICT_CONTINUE = 0,
  PRDR_VERDICT_ACCEPT,
  PRDR_VERDICT_DISCARD,
  PRDR_VERDICT_REJECT,
  PRDR_VERDICT_TEMPFAIL,
} PrdrVerdictKind;

/* PrdrReply - an SMTP reply.  @code is "550", @enhanced_code "5.7.1" (may be
 * NULL: the engine fills in a default that matches the class of @code),
 * @text a single line without CR/LF.  All strings are owned by the reply. */
typedef struct {
  char *code;
  char *enhanced_code;
  char *text;
} PrdrReply;

/* The error domain of the reply functions below. */
#define PRDR_REPLY_ERROR (prdr_reply_error_quark ())
GQuark prdr_reply_error_quark (void);
typedef enum {
  PRDR_REPLY_ERROR_CODE,      /* not a 4xx/5xx code, or codes of different classes */
  PRDR_REPLY_ERROR_TEXT,      /* control characters, invalid UTF-8, too long */
} PrdrReplyError;

/* prdr_verdict_kind_name - "continue", "accept", ... for log lines. */
const char *prdr_verdict_kind_name (PrdrVerdictKind kind);

/* prdr_reply_new - a reply from its parts, validated: @code must be 4xx for a
 * tempfail and 5xx for a reject, @enhanced_code must have the same class as
 * @code (RFC 3463 section 2), @text must be valid as described at the top of
 * this file (NULL counts as "").  A NULL @enhanced_code becomes "X.0.0" of
 * @code's class.  Returns NULL and sets @error otherwise. */
PrdrReply *prdr_reply_new (const char *code, const char *enhanced_code,
                           const char *text, GError **error);

/* prdr_reply_parse - a reply from "550 5.7.1 some text", "5.7.1 some text" or
 * "some text".  Missing parts come from @default_code and
 * @default_enhanced_code; an enhanced code given without an SMTP code keeps
 * @default_code when their classes agree and otherwise gets x50 of its own
 * class ("4.7.1 busy" with default "550" becomes "450 4.7.1 busy").  Used for
 * configured replies and for the first line a per-user program prints.  Text
 * that is too long or carries control characters is refused, not truncated. */
PrdrReply *prdr_reply_parse (const char *line, const char *default_code,
                             const char *default_enhanced_code, GError **error);

PrdrReply *prdr_reply_copy (const PrdrReply *reply);
void prdr_reply_free (PrdrReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PrdrReply, prdr_reply_free)

/* prdr_reply_text_valid - TRUE when @text could be a reply text (see top):
 * valid UTF-8, no control characters but TAB, at most PRDR_REPLY_TEXT_MAX
 * octets. */
gboolean prdr_reply_text_valid (const char *text, GError **error);

/* prdr_reply_text_for_milter - @text with every '%' doubled, ready for
 * smfi_setreply()/smfi_setmlreply().  Newly allocated. */
char *prdr_reply_text_for_milter (const char *text);

G_END_DECLS

#endif
