# Django's French formats, with the time zone after every date-time (shown in the reader's zone).
DATETIME_FORMAT = "j F Y, H:i T"
