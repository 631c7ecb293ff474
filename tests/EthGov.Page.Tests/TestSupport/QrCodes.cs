using StbImageSharp;
using ZXing;

namespace EthGov.Page.Tests.TestSupport;

/// <summary>Reads QR codes the way a phone camera would: from the pixels of the image, not from what the server meant.</summary>
public static class QrCodes
{
    /// <summary>The text of the one QR code in <paramref name="png"/>.</summary>
    public static string Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var luminance = new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8);
        var reader = new BarcodeReaderGeneric { AutoRotate = false };
        reader.Options.PossibleFormats = [BarcodeFormat.QR_CODE];
        reader.Options.TryHarder = true;
        var result = reader.Decode(luminance) ?? throw new InvalidOperationException("no QR code found in the image");
        return result.Text;
    }
}
