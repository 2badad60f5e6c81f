# Django's Spanish formats, with the time zone after every date-time (the reader's zone).
DATETIME_FORMAT = r"j \d\e F \d\e Y, H:i T"
