# Models arrive with the MAG issue (members, terms, liaison duties, meetings).
