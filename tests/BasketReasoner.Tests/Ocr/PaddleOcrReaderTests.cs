using BasketReasoner.Core.Data;
using BasketReasoner.Core.Vision;
using BasketReasoner.Tests.Infrastructure;
using BasketReasoner.Vision.Imaging;
using BasketReasoner.Vision.Ocr;

namespace BasketReasoner.Tests.Ocr;

/// <summary>
/// The PP-OCRv4 reader on rendered text and on real pack photos. The models are fetched by scripts/setup.sh
/// (scripts/fetch-ocr-models.sh); the tests fail with that instruction when they are missing.
/// </summary>
public sealed class PaddleOcrReaderTests : IClassFixture<PaddleOcrReaderTests.ReaderFixture>
{
    private readonly PaddleOcrReader _reader;

    public PaddleOcrReaderTests(ReaderFixture fixture) => _reader = fixture.Reader;

    public sealed class ReaderFixture : IDisposable
    {
        public ReaderFixture()
        {
            var folder = Path.Combine(RepoPaths.Root, "models", "ocr");
            Assert.True(PaddleOcrReader.ModelsPresent(folder), $"OCR models missing in {folder}: run scripts/fetch-ocr-models.sh (scripts/setup.sh does).");
            Reader = new PaddleOcrReader(folder);
        }

        public PaddleOcrReader Reader { get; }

        public void Dispose() => Reader.Dispose();
    }

    [Theory]
    [InlineData("ARLA", "ARLA", 0)]
    [InlineData("Oatly", "OATLY", 0)]
    [InlineData("MELLANMJÖLK 1,5%", "MELLANMJOLK1,5%", 2)] // the model's character set has no Ö
    public void Read_RenderedText_ReadsItWithinSmallEditDistance(string drawn, string expected, int maxEdits)
    {
        var typeface = OcrTestImages.Typeface();
        Assert.NotNull(typeface);
        var frame = OcrTestImages.Render(typeface!, 480, 200, 44, drawn);

        var lines = _reader.Read(frame);

        var read = string.Concat(lines.Select(l => l.Text)).Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.True(Levenshtein(read, expected) <= maxEdits, $"read '{read}' for '{drawn}'");
        Assert.All(lines, l => Assert.InRange(l.Confidence, 0.5, 1.0));
    }

    [Fact]
    public void Read_DecodedFrame_ReadsExactlyWhatTheBytesRead()
    {
        var bytes = OcrTestImages.Render(OcrTestImages.Typeface()!, 400, 300, 40, "GARANT", "YOGHURT");
        using var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(bytes, frame);

        var fromBytes = _reader.Read(bytes);
        var fromPixels = _reader.Read(frame);

        Assert.NotEmpty(fromBytes);
        Assert.Equal(fromBytes, fromPixels);
    }

    [Fact]
    public void Read_CropView_ReadsOnlyTheCroppedLineInTheViewsCoordinates()
    {
        var bytes = OcrTestImages.Render(OcrTestImages.Typeface()!, 400, 300, 40, "GARANT", "YOGHURT");
        using var frame = new RgbaFrame();
        new SkiaFrameDecoder().Decode(bytes, frame);

        var lines = _reader.Read(frame.Crop(new ItemBox(0, 150, 400, 300)));

        Assert.Equal(["YOGHURT"], lines.Select(l => l.Text.ToUpperInvariant()));
        Assert.InRange(lines[0].CenterY, 20, 80);
    }

    [Fact]
    public void Read_TwoRenderedLines_ReturnsThemTopToBottom()
    {
        var frame = OcrTestImages.Render(OcrTestImages.Typeface()!, 400, 300, 40, "GARANT", "YOGHURT");

        var lines = _reader.Read(frame);

        Assert.Equal(["GARANT", "YOGHURT"], lines.Select(l => l.Text.ToUpperInvariant()));
        Assert.True(lines[0].CenterY < lines[1].CenterY);
    }

    [Fact]
    public void Read_BlankFrame_FindsNoText()
    {
        var frame = OcrTestImages.Render(OcrTestImages.Typeface()!, 320, 240, 40);

        Assert.Empty(_reader.Read(frame));
    }

    // Real frames where a person can read the brand on the pack (checked by eye), from the test split and the
    // catalog's iconic images.
    [Theory]
    [InlineData("test/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_002.jpg", "arla")]
    [InlineData("test/Packages/Juice/Tropicana-Apple-Juice/Tropicana-Apple-Juice_001.jpg", "tropicana")]
    [InlineData("iconic-images-and-descriptions/Packages/Milk/Arla-Standard-Milk/Arla-Standard-Milk_Iconic.jpg", "arla")]
    public void Read_RealPackPhoto_FindsTheBrand(string relative, string brand)
    {
        var path = Path.Combine(DataRoot.Resolve(), "dataset", relative);

        var lines = _reader.Read(File.ReadAllBytes(path));

        Assert.Contains(lines, l => l.Text.Contains(brand, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Read_CorruptBytes_ThrowsInvalidImage()
    {
        var ex = Assert.Throws<InvalidImageException>(() => _reader.Read("definitely not a jpeg"u8.ToArray()));
        Assert.Contains("not a JPEG or PNG", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_Empty_ThrowsInvalidImage() =>
        Assert.Throws<InvalidImageException>(() => _reader.Read([]));

    [Fact]
    public void Constructor_MissingModels_ThrowsWithFetchInstruction()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new PaddleOcrReader(Path.GetTempPath()));
        Assert.Contains("fetch-ocr-models.sh", ex.Message, StringComparison.Ordinal);
    }

    private static int Levenshtein(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
        }

        return d[a.Length, b.Length];
    }
}
