namespace Trainer.Training.Tests.Reports;

/// <summary>A fact skipped, with the reason shown, when Debian's chromium is not installed.</summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string Chromium = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(Chromium))
        {
            Skip = $"{Chromium} not found (apt-get install chromium): the browser check of report.html is skipped";
        }
    }
}
