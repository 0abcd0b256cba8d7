import datetime


def years_before[T: datetime.date](moment: T, years: int) -> T:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)
