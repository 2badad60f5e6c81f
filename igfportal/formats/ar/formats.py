# Django's Arabic dates, with a date-time format (Django has none for Arabic) that names the
# time zone, as every date-time is shown in the reader's zone.
DATETIME_FORMAT = "j F، Y، H:i T"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
