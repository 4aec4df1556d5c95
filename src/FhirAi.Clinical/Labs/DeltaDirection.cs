namespace FhirAi.Clinical.Labs;

/// <summary>Direction of change since the previous result.</summary>
public enum DeltaDirection
{
    Up,
    Down,
    Unchanged,
}
