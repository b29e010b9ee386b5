namespace ChargeTwin.FirmwareInterface.Sensors;

/// <summary>The chips the device map knows, each read through its Iot.Device.Bindings class.</summary>
public enum ChipKind
{
    /// <summary>TI ADS1115 16-bit ADC on I2C (Iot.Device.Ads1115.Ads1115); reading in volts.</summary>
    Ads1115,

    /// <summary>Maxim MAX31865 RTD-to-digital converter on SPI (Iot.Device.Max31865.Max31865); reading in kelvin.</summary>
    Max31865,

    /// <summary>Avia HX711 load-cell amplifier on two GPIOs (Iot.Device.Hx711.Hx711); reading in newtons.</summary>
    Hx711,

    /// <summary>TI INA219 current/power monitor on I2C (Iot.Device.Adc.Ina219); reading in amperes.</summary>
    Ina219,
}
