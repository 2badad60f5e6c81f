# Django's Chinese formats, with the time zone after every date-time (the reader's zone).
DATETIME_FORMAT = "Y年n月j日 H:i T"
