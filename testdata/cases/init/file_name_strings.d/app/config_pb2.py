from google.protobuf import descriptor as _descriptor

DESCRIPTOR = _descriptor.FileDescriptor(
    name='config.proto',
    package='adb',
    syntax='proto3',
)
