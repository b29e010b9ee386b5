namespace ChargeTwin.HilBench.Tests.Twin.Detection;

/// <summary>How the stand-in for the twin's thickness prediction is distorted in a run.</summary>
internal enum ExpectedThickness
{
    /// <summary>The plant's thickness minus the plated lithium's: a perfect intercalation + thermal model.</summary>
    Perfect,

    /// <summary>Perfect × 1.1 + 1 µm, on the calibration charge as well: a wrong scale and offset, which the fixture gain and preload absorb.</summary>
    ScaledAndOffset,

    /// <summary>Perfect plus 1 % of the thermal expansion: a twin whose temperature rise is 1 % high.</summary>
    ThermalOnePercentHigh,

    /// <summary>Perfect minus 1 % of the thermal expansion: a twin whose temperature rise is 1 % low.</summary>
    ThermalOnePercentLow,
}
