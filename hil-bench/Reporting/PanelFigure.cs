using ScottPlot;
using SkiaSharp;

namespace ChargeTwin.HilBench.Reporting;

/// <summary>One panel of a figure: a y label and one or more named series over a shared x.</summary>
public sealed record Panel(string YLabel, IReadOnlyList<Series> Series);

/// <summary>A named line; <paramref name="Dashed"/> draws a reference (e.g. measured data or a limit).</summary>
public sealed record Series(string Name, double[] X, double[] Y, bool Dashed = false);

/// <summary>Composes panels into one PNG, two columns, with ScottPlot.</summary>
public static class PanelFigure
{
    public static void SavePng(string path, string title, string xLabel, IReadOnlyList<Panel> panels, int panelWidth = 560, int panelHeight = 300)
    {
        var columns = panels.Count == 1 ? 1 : 2;
        var rows = (panels.Count + columns - 1) / columns;
        const int titleHeight = 36;
        using var surface = SKSurface.Create(new SKImageInfo(columns * panelWidth, rows * panelHeight + titleHeight));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using (var font = new SKFont(SKTypeface.Default, 18))
        using (var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true })
        {
            canvas.DrawText(title, 12, 24, font, paint);
        }

        for (var i = 0; i < panels.Count; i++)
        {
            var plot = new Plot();
            var panel = panels[i];
            foreach (var s in panel.Series)
            {
                var line = plot.Add.ScatterLine(s.X, s.Y);
                line.LegendText = s.Name;
                line.LineWidth = 1.5f;
                if (s.Dashed)
                {
                    line.LinePattern = LinePattern.Dashed;
                }
            }

            plot.XLabel(xLabel);
            plot.YLabel(panel.YLabel);
            if (panel.Series.Count > 1)
            {
                plot.ShowLegend(Alignment.UpperRight);
            }

            var bytes = plot.GetImageBytes(panelWidth, panelHeight, ImageFormat.Png);
            using var image = SKImage.FromEncodedData(bytes);
            canvas.DrawImage(image, i % columns * panelWidth, titleHeight + i / columns * panelHeight);
        }

        using var snapshot = surface.Snapshot();
        using var data = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
    }
}
