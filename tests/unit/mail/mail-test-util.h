/*
 * mail-test-util.h - helpers of the src/mail unit tests: serialize a built
 * message and parse it back with GMime, read a part's content, and split a
 * message/delivery-status body into its field groups (RFC 3464 section 2.1:
 * blank-line separated groups of RFC 822 style fields).
 */
#ifndef PRDR_MAIL_TEST_UTIL_H
#define PRDR_MAIL_TEST_UTIL_H

#include <glib.h>
#include <gmime/gmime.h>

G_BEGIN_DECLS

/* The octets of @object as it would be submitted. */
GByteArray *mail_test_serialize (GMimeObject *object);
/* @data parsed back into a message (asserts that it parses). */
GMimeMessage *mail_test_parse (const guint8 *data, gsize len);
/* The decoded content of a leaf part as a string. */
char *mail_test_part_content (GMimeObject *part);

/* One group of DSN fields: names in order (lower-cased) and their unfolded
 * values. */
typedef struct {
  GPtrArray *names;
  GHashTable *values;
} MailTestFields;

/* The groups of a delivery-status body; asserts the syntax (every line is a
 * field or a continuation, no field repeats inside a group). */
GPtrArray *mail_test_dsn_groups (const char *body);
const char *mail_test_field (GPtrArray *groups, guint group, const char *name);

/* A memory stream holding @text. */
GMimeStream *mail_test_stream (const char *text);

G_END_DECLS

#endif
