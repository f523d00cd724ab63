/*
 * limits.h - the limits of src/mail (building and sending DSNs and
 * auto-replies), each with its reason.  Everything that comes from a peer
 * (addresses, ESMTP parameters, reply texts, the original message) is
 * bounded by one of these before it is copied into a message we send.
 */
#ifndef PRDR_MAIL_LIMITS_H
#define PRDR_MAIL_LIMITS_H

/* RFC 5321 section 4.5.3.1.3: a reverse-path or forward-path is at most 256
 * octets including the angle brackets. */
#define PRDR_MAIL_ADDRESS_MAX 256

/* RFC 1035 section 2.3.4: a domain name is at most 255 octets. */
#define PRDR_MAIL_HOST_MAX 255

/* RFC 3461 section 4.4: "The ENVID parameter MAY be up to 100 characters in
 * length" (the xtext form, as received). */
#define PRDR_MAIL_ENVID_MAX 100

/* RFC 3461 section 4.2: "The entire ORCPT parameter MAY be up to 500
 * characters in length." */
#define PRDR_MAIL_ORCPT_MAX 500

/* The longest recipient reply (code, enhanced code and text) copied into a
 * DSN.  The engine already limits a reply text to 980 octets
 * (PRDR_REPLY_TEXT_MAX); the 3-digit code, the enhanced code and their
 * spaces fit in the rest of a 1000-octet SMTP line.  Longer texts are
 * shortened at a character boundary and marked, never silently. */
#define PRDR_MAIL_REPLY_MAX 1000

/* The most recipients listed in one DSN.  Postfix's default
 * smtpd_recipient_limit is 1000, so a normal transaction is listed in full;
 * above it the text part says how many more were not listed. */
#define PRDR_MAIL_DSN_RECIPIENTS_MAX 1000

/* The most header octets of the original returned (RET=HDRS, or RET=FULL
 * above the size limit).  Postfix's header_size_limit is 102400 per header;
 * 256 KiB holds any sane header block.  A longer block is cut after its last
 * complete header line, and the text part says so. */
#define PRDR_MAIL_DSN_HEADERS_MAX (256 * 1024)

/* The default largest original returned in full for RET=FULL.  A DSN goes to
 * an address we did not verify (backscatter): returning large messages
 * amplifies abuse.  1 MiB covers typical text mail; Postfix's own
 * bounce_size_limit is only 50000.  Above it the headers are returned and
 * the text part says why.  Settable per DSN (prdr_mail_dsn_set_full_limit). */
#define PRDR_MAIL_DSN_FULL_DEFAULT_MAX (1024 * 1024)

/* Preferred and forced line lengths when folding a DSN field or a header we
 * write (RFC 5322 section 2.1.1: 78 SHOULD, 998 MUST).  A run without
 * white space longer than the forced length is broken by a fold. */
#define PRDR_MAIL_LINE_SOFT_MAX 78
#define PRDR_MAIL_LINE_HARD_MAX 900

/* The longest Subject (and original From/Subject text) we put in a
 * notification, in octets of UTF-8 before encoding; longer ones are
 * shortened at a character boundary.  (Auto-replies count characters:
 * PRDR_MAIL_SUBJECT_CHARS_DEFAULT.) */
#define PRDR_MAIL_SUBJECT_MAX 500

/* The default longest Subject of an auto-reply, in characters (Unicode
 * code points, not octets, so that a Japanese subject is not cut to a third
 * of a Latin one), the prefix ("Auto: ") and the ellipsis included.  256
 * is Pigeonhole's default (sieve_vacation_max_subject_codepoints): mail
 * readers show far less, and the original's Subject is peer input we copy.
 * A longer subject is cut at a character boundary and ends in U+2026. */
#define PRDR_MAIL_SUBJECT_CHARS_DEFAULT 256

/* The most a caller may configure instead: an ASCII subject without
 * white space (which cannot be folded) still fits, after "Subject: ", in
 * RFC 5322 section 2.1.1's 998-octet line. */
#define PRDR_MAIL_SUBJECT_CHARS_MAX 900

/* The most of the user's own addresses (final and original recipient,
 * configured address, the script's :addresses) compared with the
 * original's recipient fields (RFC 5230 section 4.5); a script's longer
 * :addresses list is used up to this count.  Each is compared with every
 * address of six header fields, so this bounds the work per message. */
#define PRDR_MAIL_AUTOREPLY_ADDRESSES_MAX 64

/* The most References entries copied from the original into an
 * auto-reply (RFC 5322 section 3.6.4); older ones are dropped first. */
#define PRDR_MAIL_REFERENCES_MAX 20

/* The largest auto-reply body (the vacation reason) in octets: RFC 5230
 * gives none; a reply is a short note, and 64 KiB bounds what a script can
 * make us send to an address it does not control.  Longer ones are refused. */
#define PRDR_MAIL_AUTOREPLY_BODY_MAX (64 * 1024)

/* RFC 5322 section 2.1.1: a msg-id we copy into In-Reply-To or References
 * must fit on one line. */
#define PRDR_MAIL_MSGID_MAX 998

/* The default time a sendmail program may take to read the message and
 * exit: Postfix's sendmail normally returns within milliseconds; one minute
 * covers a busy queue without holding a milter thread forever. */
#define PRDR_MAIL_SUBMIT_DEFAULT_TIMEOUT_MS 60000

/* The most octets of the sendmail program's output kept for the error
 * message when it fails. */
#define PRDR_MAIL_SUBMIT_OUTPUT_MAX 2048

/* The most recipients of one submission (argv entries). */
#define PRDR_MAIL_SUBMIT_RECIPIENTS_MAX 1000

/* The default sendmail program ([general] sendmail). */
#define PRDR_MAIL_SENDMAIL_DEFAULT "/usr/sbin/sendmail"

/* The longest mailto URI of a Sieve notification we parse (RFC 6068 sets
 * none).  A URI is written by a script owner; 8 KiB holds any real one,
 * recipients, subject and a short body included. */
#define PRDR_MAIL_MAILTO_URI_MAX (8 * 1024)

/* The most recipients (the URI's "to" part plus its to= and cc= fields) of
 * one mailto notification: a notification goes to the owner's own devices
 * and addresses, not to a list; more would make a script an open relay of
 * copies.  Pigeonhole keeps 8; 20 leaves room. */
#define PRDR_MAIL_MAILTO_RECIPIENTS_MAX 20

/* The most other header fields a mailto URI may give (RFC 6068 hfields
 * other than to, cc, subject and body). */
#define PRDR_MAIL_MAILTO_FIELDS_MAX 16

/* The largest notification body (the URI's body= field or our default
 * text) in octets: a notification is a short note. */
#define PRDR_MAIL_NOTIFY_BODY_MAX (16 * 1024)

/* The longest display name we write into a To, Cc or From field, in octets
 * of UTF-8 before encoding; longer ones are shortened at a character
 * boundary (RFC 5322 section 2.1.1 keeps whole lines under 998). */
#define PRDR_MAIL_DISPLAY_NAME_MAX 200

/* The most X-Sieve-Redirected-From fields of a message read when checking
 * it for a redirect loop; a message with more has gone round too often
 * and is treated as a loop. */
#define PRDR_MAIL_REDIRECT_HOPS_MAX 32

#endif
