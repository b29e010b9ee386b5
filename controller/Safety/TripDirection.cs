namespace ChargeTwin.Controller.Safety;

/// <summary>Which side of its threshold a level row trips on.</summary>
public enum TripDirection
{
    Above,
    Below,
}
