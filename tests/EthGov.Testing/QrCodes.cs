using StbImageSharp;
using ZXing;

namespace EthGov.Testing;

/// <summary>Reads QR codes the way a phone camera would: from the pixels of the image, not from what the server meant.</summary>
public static class QrCodes
{
    /// <summary>The text of the one QR code in <paramref name="png"/>.</summary>
    /// <remarks>
    /// ZXing's finder-pattern detector misses about 1 in 200 of the codes QRCoder draws (2 of 400 random verification
    /// URLs, at 10 and at 16 pixels per module), all of which it reads when told the image is just the code; so a miss
    /// is retried that way, still from the pixels.
    /// </remarks>
    public static string Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        return Read(image, pureBarcode: false) ?? Read(image, pureBarcode: true)
            ?? throw new InvalidOperationException("no QR code found in the image");
    }

    private static string? Read(ImageResult image, bool pureBarcode)
    {
        var luminance = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new BarcodeReaderGeneric { AutoRotate = false };
        reader.Options.PossibleFormats = [BarcodeFormat.QR_CODE];
        reader.Options.TryHarder = true;
        reader.Options.PureBarcode = pureBarcode;
        return reader.Decode(luminance)?.Text;
    }
}
