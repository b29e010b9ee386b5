using System.Device.Gpio;

namespace ChargeTwin.FirmwareInterface.Sensors.Emulated;

/// <summary>
/// A GPIO driver that is an Avia HX711 load-cell ADC on two pins (datasheet, "Serial Interface"):
/// DOUT high means no data; when DOUT goes low the host clocks 24 bits out MSB first on PD_SCK rising
/// edges, then 1, 2 or 3 more pulses select channel A gain 128, channel B gain 32 or channel A gain 64 for
/// the next conversion. After the 25th pulse DOUT is high; the first DOUT poll after the trailing pulses
/// still reads high and the next reads low (the next conversion is ready), and the very first conversion
/// after start-up is not ready on the first poll, so the binding's wait loop runs. Power-down (PD_SCK high
/// for more than 60 µs) is not modelled: it needs wall-clock timing, which would make tests flaky.
/// Codes saturate at 0x800000 / 0x7FFFFF.
/// The load cell gives <c>countsPerGram</c> counts per gram at gain 128, on top of <c>zeroCounts</c>.
/// </summary>
public sealed class EmulatedHx711 : GpioDriver
{
    private const double StandardGravity = 9.80665;

    private readonly int _dataPin;
    private readonly int _clockPin;
    private readonly ICellSignalSource _plant;
    private readonly Func<long> _clockNs;
    private readonly Func<CellSignals, double> _force_N;
    private readonly double _countsPerGram;
    private readonly int _zeroCounts;
    private readonly Dictionary<int, PinMode> _modes = [];
    private PinValue _clock = PinValue.Low;
    private Phase _phase = Phase.Converting;
    private int _gainPulses = 25;
    private int _bit;
    private int _word;
    private bool _readSinceEdge;
    private PinValue _dout = PinValue.High;

    /// <summary>Creates the chip on two pins.</summary>
    /// <param name="dataPin">DOUT.</param>
    /// <param name="clockPin">PD_SCK.</param>
    /// <param name="plant">The cell.</param>
    /// <param name="clockNs">The bench clock.</param>
    /// <param name="countsPerGram">Load-cell sensitivity at gain 128.</param>
    /// <param name="zeroCounts">Reading with no load.</param>
    /// <param name="force_N">Force on the load cell for given plant signals (default: the stack force).</param>
    public EmulatedHx711(int dataPin, int clockPin, ICellSignalSource plant, Func<long> clockNs, double countsPerGram, int zeroCounts = 0, Func<CellSignals, double>? force_N = null)
    {
        _dataPin = dataPin;
        _clockPin = clockPin;
        _plant = plant;
        _clockNs = clockNs;
        _countsPerGram = countsPerGram;
        _zeroCounts = zeroCounts;
        _force_N = force_N ?? (s => s.StackForce_N);
    }

    /// <summary>Conversions read out completely.</summary>
    public int Conversions { get; private set; }

    /// <summary>Gain the next conversion uses (128, 64 or 32).</summary>
    public int NextGain => (_phase == Phase.Trailer ? _bit : _gainPulses) switch { 25 => 128, 26 => 32, _ => 64 };

    /// <inheritdoc />
    protected override int PinCount => Math.Max(_dataPin, _clockPin) + 1;

    /// <inheritdoc />
    protected override void OpenPin(int pinNumber) => _modes[pinNumber] = PinMode.Input;

    /// <inheritdoc />
    protected override void ClosePin(int pinNumber) => _modes.Remove(pinNumber);

    /// <inheritdoc />
    protected override void SetPinMode(int pinNumber, PinMode mode) => _modes[pinNumber] = mode;

    /// <inheritdoc />
    protected override PinMode GetPinMode(int pinNumber) => _modes.TryGetValue(pinNumber, out PinMode m) ? m : PinMode.Input;

    /// <inheritdoc />
    protected override bool IsPinModeSupported(int pinNumber, PinMode mode)
        => (pinNumber == _dataPin && mode is PinMode.Input or PinMode.InputPullUp) || (pinNumber == _clockPin && mode == PinMode.Output);

    /// <inheritdoc />
    protected override PinValue Read(int pinNumber)
    {
        if (pinNumber == _clockPin)
        {
            return _clock;
        }

        if (pinNumber != _dataPin)
        {
            return PinValue.High;
        }

        switch (_phase)
        {
            case Phase.Converting:
                // The conversion finishes while the host polls: not ready on this poll, ready on the next.
                _phase = Phase.Ready;
                return PinValue.High;
            case Phase.Ready:
                return PinValue.Low;
            case Phase.Shifting:
                return _dout;
            default:
                if (!_readSinceEdge)
                {
                    // The host samples DOUT after the last trailing pulse: still high.
                    _readSinceEdge = true;
                    return PinValue.High;
                }

                // A second poll without a pulse: the trailer is over, the next conversion is ready.
                _gainPulses = _bit;
                _phase = Phase.Ready;
                return PinValue.Low;
        }
    }

    /// <inheritdoc />
    protected override void Write(int pinNumber, PinValue value)
    {
        if (pinNumber != _clockPin)
        {
            throw new InvalidOperationException($"HX711: pin {pinNumber} is not PD_SCK ({_clockPin})");
        }

        bool rising = value == PinValue.High && _clock == PinValue.Low;
        _clock = value;
        if (!rising)
        {
            return;
        }

        _readSinceEdge = false;
        switch (_phase)
        {
            case Phase.Ready:
                _phase = Phase.Shifting;
                _word = Convert();
                _bit = 0;
                goto case Phase.Shifting;
            case Phase.Shifting:
                _bit++;
                if (_bit <= 24)
                {
                    _dout = ((_word >> (24 - _bit)) & 1) != 0 ? PinValue.High : PinValue.Low;
                    return;
                }

                // Pulse 25: DOUT returns high; pulses 26 and 27 may follow to choose the next gain.
                _dout = PinValue.High;
                _phase = Phase.Trailer;
                Conversions++;
                return;
            case Phase.Trailer:
                if (_bit < 27)
                {
                    _bit++;
                }

                return;
            default:
                // Clock edges while no data is ready carry nothing (power-down timing is not modelled).
                return;
        }
    }

    /// <inheritdoc />
    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
        => throw new NotSupportedException("HX711 emulation has no pin events");

    /// <inheritdoc />
    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
        => throw new NotSupportedException("HX711 emulation has no pin events");

    /// <inheritdoc />
    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
    }

    private enum Phase
    {
        Converting,
        Ready,
        Shifting,
        Trailer,
    }

    private int Convert()
    {
        double grams = _force_N(_plant.Sample(_clockNs())) / StandardGravity * 1000.0;
        double gainFactor = NextGain == 64 ? 0.5 : 1.0;
        double counts = Math.Round(_zeroCounts + (grams * _countsPerGram * gainFactor));
        return (int)Math.Clamp(counts, -0x800000, 0x7FFFFF) & 0xFFFFFF;
    }
}
