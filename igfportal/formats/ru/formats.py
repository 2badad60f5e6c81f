# Django's Russian formats, with the time zone after every date-time (the reader's zone).
DATETIME_FORMAT = "j E Y г., G:i T"
