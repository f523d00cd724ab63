/*
 * autoreply-address.c - the user's own addresses in an automatic reply
 * (RFC 5230 section 4.5): which of them the original names in its
 * recipient fields (no reply to mail that reached the user implicitly),
 * whether the sender is one of them (no reply to oneself), and which
 * address the reply comes from.  See autoreply.h.
 */
#include "autoreply.h"

#include <string.h>

#include "limits.h"

/* The fields that address the user directly (RFC 5230 section 4.5). */
static const char *const prdr_mail_autoreply_recipient_fields[] = {
  "To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc",
};

/* prdr_mail_autoreply_list_names - does @list (a group's members one level
 * down; groups do not nest, RFC 5322 section 3.4) hold @address? */
static gboolean
prdr_mail_autoreply_list_names (InternetAddressList *list, const char *address, gboolean top)
{
  for (int i = 0; list != NULL && i < internet_address_list_length (list); i++) {
    InternetAddress *ia = internet_address_list_get_address (list, i);
    if (INTERNET_ADDRESS_IS_GROUP (ia)) {
      if (top && prdr_mail_autoreply_list_names (
              internet_address_group_get_members (INTERNET_ADDRESS_GROUP (ia)), address, FALSE))
        return TRUE;
      continue;
    }
    const char *addr = internet_address_mailbox_get_addr (INTERNET_ADDRESS_MAILBOX (ia));
    if (addr != NULL && g_ascii_strcasecmp (addr, address) == 0)
      return TRUE;
  }
  return FALSE;
}

/* prdr_mail_autoreply_mine - the user's addresses in the order RFC 5230
 * section 4.5 checks them, at most PRDR_MAIL_AUTOREPLY_ADDRESSES_MAX. */
static GPtrArray *
prdr_mail_autoreply_mine (const PrdrMailAutoreplyUser *user)
{
  GPtrArray *mine = g_ptr_array_new ();
  const char *fixed[] = { user->recipient, user->orig_recipient };
  for (gsize i = 0; i < G_N_ELEMENTS (fixed); i++)
    if (fixed[i] != NULL && *fixed[i] != '\0')
      g_ptr_array_add (mine, (gpointer) fixed[i]);
  for (const char *const *a = user->addresses; a != NULL && *a != NULL; a++)
    if (**a != '\0' && mine->len < PRDR_MAIL_AUTOREPLY_ADDRESSES_MAX - 1)
      g_ptr_array_add (mine, (gpointer) *a);
  if (user->user_email != NULL && *user->user_email != '\0')
    g_ptr_array_add (mine, (gpointer) user->user_email);
  return mine;
}

const char *
prdr_mail_autoreply_addressed (GMimeMessage *original, const PrdrMailAutoreplyUser *user)
{
  g_autoptr (GPtrArray) mine = prdr_mail_autoreply_mine (user);
  for (gsize f = 0; f < G_N_ELEMENTS (prdr_mail_autoreply_recipient_fields); f++) {
    const char *value = g_mime_object_get_header (GMIME_OBJECT (original),
                                                  prdr_mail_autoreply_recipient_fields[f]);
    if (value == NULL)
      continue;
    InternetAddressList *list = internet_address_list_parse (NULL, value);
    const char *found = NULL;
    for (guint i = 0; list != NULL && found == NULL && i < mine->len; i++)
      if (prdr_mail_autoreply_list_names (list, g_ptr_array_index (mine, i), TRUE))
        found = g_ptr_array_index (mine, i);
    g_clear_object (&list);
    if (found != NULL)
      return found;
  }
  return NULL;
}

/* prdr_mail_autoreply_own - is @sender one of the user's addresses? */
static gboolean
prdr_mail_autoreply_own (const char *sender, const PrdrMailAutoreplyUser *user)
{
  g_autoptr (GPtrArray) mine = prdr_mail_autoreply_mine (user);
  for (guint i = 0; i < mine->len; i++)
    if (g_ascii_strcasecmp (sender, g_ptr_array_index (mine, i)) == 0)
      return TRUE;
  return FALSE;
}

/* prdr_mail_autoreply_choose_from - the From address (the one found) and
 * the envelope address (the recipient the found address stands for: a
 * :addresses entry never becomes the envelope sender). */
static void
prdr_mail_autoreply_choose_from (const PrdrMailAutoreplyUser *user, const char *found,
                                 PrdrMailAutoreplyFrom *from)
{
  const char *recipient = user->orig_recipient != NULL && *user->orig_recipient != '\0'
      ? user->orig_recipient : user->recipient;
  if (found == NULL) {        /* check_recipient off: nothing was named */
    from->header = user->user_email != NULL && *user->user_email != '\0'
        ? user->user_email : user->recipient;
    from->envelope = recipient;
    return;
  }
  from->header = found;
  from->envelope = found == user->recipient || found == user->orig_recipient
      || found == user->user_email ? found : recipient;
}

gboolean
prdr_mail_autoreply_decide (const char *sender, GMimeMessage *original,
                            const PrdrMailAutoreplyUser *user, PrdrMailAutoreplyFrom *from,
                            const char **reason)
{
  const char *why = NULL;
  const char *found = NULL;
  if (user->recipient == NULL || *user->recipient == '\0')
    why = "the envelope recipient is <>";
  else if (prdr_mail_autoreply_wanted (sender, original, &why)
           && prdr_mail_autoreply_own (sender, user))
    why = "the sender is the user's own address";
  if (why == NULL && original != NULL)
    found = prdr_mail_autoreply_addressed (original, user);
  if (why == NULL && found == NULL && user->check_recipient)
    why = "none of the user's addresses is in To, Cc, Bcc or Resent-*";
  if (reason != NULL)
    *reason = why;
  if (why != NULL)
    return FALSE;
  prdr_mail_autoreply_choose_from (user, found, from);
  return TRUE;
}
