namespace Trainer.Training.Logging.Model;

/// <summary>
/// <c>Summary.Image</c>: height (1), width (2), colorspace (3: 1 gray, 2 gray+alpha, 3 RGB, 4 RGBA),
/// encoded_image_string (4: PNG bytes here).
/// </summary>
public sealed record ImageData(int Height, int Width, int Colorspace, byte[] EncodedImage);
