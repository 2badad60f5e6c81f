# The portal's English dates: "23 Nov 2026" and "23 Nov 2026, 14:05 CET" (with the time zone,
# since every date-time is shown in the reader's own zone). Other languages keep Django's.
DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i T"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
